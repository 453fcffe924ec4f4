// Shared by every shader that reads activations from the atlas (prepended by src/render).
// uAtlas: R8 array texture, pages of one slot at [slot * uPageCount, (slot + 1) * uPageCount); a texel
// holds its value quantised against its tile's raw range: v = mix(min, max, code / 255).
// uRanges: one RGBA32F texel per tile: normalisation (min, max) of slot 0 in .xy, of slot 1 in .zw;
// uRangeRows rows further down, the tile's raw (quantisation) range in the same layout.
// uColourMap: rows of an sRGB lookup texture: 0 diverging (cool-warm), 1 grey.
uniform highp sampler2DArray uAtlas;
uniform highp sampler2D uRanges;
uniform sampler2D uColourMap;
uniform int uRangeWidth;
uniform int uRangeRows;
uniform int uPageCount;
uniform int uCurrentSlot;
uniform int uPreviousSlot;
uniform float uFade;

vec4 atlasRangePair(int tile) {
  return texelFetch(uRanges, ivec2(tile % uRangeWidth, tile / uRangeWidth), 0);
}

vec2 atlasSlotRange(vec4 pair, int slot) {
  return slot == 0 ? pair.xy : pair.zw;
}

// Raw (dequantised) value of a texel of `tile` in `slot`.
float atlasRaw(ivec2 texel, int page, int tile, int slot) {
  vec2 q = atlasSlotRange(texelFetch(uRanges, ivec2(tile % uRangeWidth, tile / uRangeWidth + uRangeRows), 0), slot);
  return mix(q.x, q.y, texelFetch(uAtlas, ivec3(texel, slot * uPageCount + page), 0).r);
}

// Diverging: centred on 0, scaled by the larger |end| of the range -> -1..1.
float normaliseDiverging(float v, vec2 range) {
  float s = max(abs(range.x), abs(range.y));
  return s > 0.0 ? clamp(v / s, -1.0, 1.0) : 0.0;
}

// Image: min..max -> 0..1.
float normaliseImage(float v, vec2 range) {
  return range.y > range.x ? clamp((v - range.x) / (range.y - range.x), 0.0, 1.0) : 0.0;
}

// Normalised value of a texel, cross-faded from the previous epoch's slot to the current one.
float atlasValue(ivec2 texel, int page, int tile, bool diverging) {
  vec4 pair = atlasRangePair(tile);
  float v = atlasRaw(texel, page, tile, uCurrentSlot);
  vec2 r = atlasSlotRange(pair, uCurrentSlot);
  float current = diverging ? normaliseDiverging(v, r) : normaliseImage(v, r);
  if (uFade >= 1.0) return current;
  float pv = atlasRaw(texel, page, tile, uPreviousSlot);
  vec2 pr = atlasSlotRange(pair, uPreviousSlot);
  float previous = diverging ? normaliseDiverging(pv, pr) : normaliseImage(pv, pr);
  return mix(previous, current, uFade);
}

// Colour of a normalised value: s in -1..1 for the diverging row, 0..1 for the grey row.
// The lookup texture is sRGB, so the sample is already linear.
vec3 colourDiverging(float s) {
  return texture(uColourMap, vec2((s * 0.5 + 0.5) * (255.0 / 256.0) + 0.5 / 256.0, 0.25)).rgb;
}

vec3 colourGrey(float t) {
  return texture(uColourMap, vec2(t * (255.0 / 256.0) + 0.5 / 256.0, 0.75)).rgb;
}
