// Dense-layer nodes as camera-facing impostor quads; the sphere is shaded in the fragment shader.
in vec3 iCenter;
in float iRadius;
// Atlas texel of the node's value: (x, y, page, tile).
in vec4 iTexel;
// (layer id, unit index)
in vec2 iUnit;

uniform vec4 uHighlight;
uniform vec4 uSelection;

out vec2 vCorner;
flat out vec3 vColour;
flat out float vRing;

void main() {
  float s = atlasValue(ivec2(iTexel.xy), int(iTexel.z), int(iTexel.w), true);
  vColour = colourDiverging(s);
  bool highlighted = uHighlight.x == iUnit.x && (uHighlight.y < -1.5 || uHighlight.y == iUnit.y);
  bool selected = uSelection.x == iUnit.x && uSelection.y == iUnit.y;
  vRing = selected ? 2.0 : (highlighted ? 1.0 : 0.0);
  // The placement's uniform scale, so radii scale with the network (view matrices are rigid).
  float scale = length(modelViewMatrix[0].xyz);
  vec4 centre = modelViewMatrix * vec4(iCenter, 1.0);
  vCorner = position.xy * 2.0;
  centre.xy += vCorner * iRadius * scale;
  gl_Position = projectionMatrix * centre;
}
