// Marker blocks for layers with nothing to show per unit (flatten, dropout, ...): a unit box
// scaled to the layer's bounding box.
in vec3 iCenter;
in vec3 iHalfSize;
in float iLayer;

uniform vec4 uHighlight;

out vec3 vNormal;
flat out float vHighlighted;

void main() {
  vNormal = normalize(normalMatrix * normal);
  vHighlighted = uHighlight.x == iLayer ? 1.0 : 0.0;
  vec3 p = iCenter + position * iHalfSize * 2.0;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(p, 1.0);
}
