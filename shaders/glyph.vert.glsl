// Every glyph of every label in ONE instanced draw. A glyph is a quad offset from its label's
// anchor in view space, so labels always face the viewer (and scale with the placement).
in vec3 iAnchor;
// Quad relative to the anchor, metres: (x, y, width, height), y up.
in vec4 iRect;
// Font texture rectangle: (u0, vBottom, u1, vTop).
in vec4 iUv;
in vec3 iColour;

out vec2 vUv;
flat out vec3 vColour;

void main() {
  vec2 corner = position.xy + 0.5;
  float scale = length(modelViewMatrix[0].xyz);
  vec4 view = modelViewMatrix * vec4(iAnchor, 1.0);
  view.xy += (iRect.xy + corner * iRect.zw) * scale;
  gl_Position = projectionMatrix * view;
  vUv = mix(iUv.xy, iUv.zw, corner);
  vColour = iColour;
}
