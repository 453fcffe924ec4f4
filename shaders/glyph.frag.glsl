// Multi-channel signed distance field text (Chlumsky's msdfgen): the median of the three channels
// is the distance to the glyph edge; uDistanceRange texels of the atlas span the 0..1 field.
uniform sampler2D uFont;
uniform float uDistanceRange;
uniform vec2 uFontSize;

in vec2 vUv;
flat in vec3 vColour;

layout(location = 0) out highp vec4 fragColor;

float median(float r, float g, float b) {
  return max(min(r, g), min(max(r, g), b));
}

void main() {
  vec3 s = texture(uFont, vUv).rgb;
  float distance = median(s.r, s.g, s.b);
  // Screen pixels covered by one unit of the field, for an edge about one pixel wide at any size.
  vec2 unitRange = vec2(uDistanceRange) / uFontSize;
  vec2 screenTexSize = vec2(1.0) / max(fwidth(vUv), vec2(1e-6));
  float pixelRange = max(0.5 * dot(unitRange, screenTexSize), 1.0);
  float opacity = clamp(pixelRange * (distance - 0.5) + 0.5, 0.0, 1.0);
  if (opacity < 0.02) discard;
  fragColor = vec4(linearToOutputTexel(vec4(vColour, 1.0)).rgb, opacity);
}
