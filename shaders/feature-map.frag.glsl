// Colours one cell of a feature map from the atlas. Modes (vInfo.w):
// 0 diverging activation, 1 grey image, 2 RGB image (the tile holds R|G|B planes side by side),
// 3/4/5 one channel of an RGB image tinted red/green/blue.
// uHighlight: (layer, channel or -2 for the whole layer, row, col or -1); layer -1: none.
// uSelection: (layer, channel, row, col) of the selected cell; layer -1: none.
uniform vec4 uHighlight;
uniform vec4 uSelection;
uniform vec3 uBorderColour;
uniform vec3 uHighlightColour;
uniform vec3 uSelectionColour;

in vec2 vUv;
flat in vec4 vTile;
flat in vec4 vInfo;
flat in float vChannel;

layout(location = 0) out highp vec4 fragColor;

// Distance in pixels from the nearest edge of a unit cell, for crisp, resolution-independent outlines.
float edgePixels(vec2 f, vec2 g) {
  vec2 d = min(f, 1.0 - f) / max(fwidth(g), vec2(1e-6));
  return min(d.x, d.y);
}

void main() {
  vec2 cells = vTile.zw;
  // Row 0 is the top row of the map (as in the image).
  vec2 g = vec2(vUv.x, 1.0 - vUv.y) * cells;
  ivec2 cell = ivec2(min(floor(g), cells - 1.0));
  ivec2 texel = ivec2(vTile.xy) + cell;
  int page = int(vInfo.x);
  int tile = int(vInfo.y);
  int mode = int(vInfo.w + 0.5);
  vec3 colour;
  if (mode == 0) {
    colour = colourDiverging(atlasValue(texel, page, tile, true));
  } else if (mode == 2) {
    int w = int(vTile.z);
    colour = vec3(
      atlasValue(texel, page, tile, false),
      atlasValue(texel + ivec2(w, 0), page, tile, false),
      atlasValue(texel + ivec2(2 * w, 0), page, tile, false));
    colour = colour * colour; // display-space intensity -> roughly linear
  } else {
    float t = atlasValue(texel, page, tile, false);
    colour = colourGrey(t);
    if (mode >= 3) colour *= vec3(mode == 3 ? 1.0 : 0.15, mode == 4 ? 1.0 : 0.15, mode == 5 ? 1.0 : 0.15);
  }

  // Derivatives only in uniform control flow: both outline distances first.
  float edge = edgePixels(vUv, vUv);
  float cellEdge = edgePixels(fract(g), g);
  float layer = vInfo.z;
  bool highlighted = uHighlight.x == layer && (uHighlight.y < -1.5 || uHighlight.y == vChannel);
  if (highlighted) {
    colour = mix(colour, uHighlightColour, 0.12);
    if (edge < 1.5) colour = uHighlightColour;
    if (uHighlight.w >= 0.0 && ivec2(uHighlight.wz) == cell && cellEdge < 1.5) colour = uHighlightColour;
  } else if (edge < 1.0) {
    colour = uBorderColour;
  }
  bool selected = uSelection.x == layer && (uSelection.y == vChannel || vChannel < 0.0);
  if (selected && ivec2(uSelection.wz) == cell && cellEdge < 2.0) colour = uSelectionColour;
  fragColor = linearToOutputTexel(vec4(colour, 1.0));
}
