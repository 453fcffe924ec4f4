// Every edge of every edge set in ONE instanced draw: each instance is a ribbon whose centre line
// is a uniform Catmull-Rom spline through the edge's control points, read from a float texture.
// position: (vertex column 0..MAX_RIBBON_SEGMENTS, side -1..1, 0); only the first uSegments
// quads are drawn, column s sits at t = s / uSegments along the edge.
uniform highp sampler2D uPoints;
uniform int uPointsWidth;
uniform float uWidth;
uniform float uSegments;
uniform vec4 uHighlight;

// (first control point, control point count, signed strength -1..1, unused)
in vec4 iEdge;
// (source layer, target layer)
in vec2 iLayers;

out float vSide;
flat out float vStrength;
flat out float vHighlighted;

vec3 controlPoint(int i) {
  return texelFetch(uPoints, ivec2(i % uPointsWidth, i / uPointsWidth), 0).xyz;
}

void main() {
  int first = int(iEdge.x);
  int n = max(int(iEdge.y), 2);
  float t = min(position.x / uSegments, 1.0);
  float u = t * float(n - 1);
  int i = min(int(floor(u)), n - 2);
  float f = u - float(i);
  vec3 p0 = controlPoint(first + max(i - 1, 0));
  vec3 p1 = controlPoint(first + i);
  vec3 p2 = controlPoint(first + i + 1);
  vec3 p3 = controlPoint(first + min(i + 2, n - 1));
  // Catmull-Rom: c(f) = 0.5 (2 p1 + (p2 - p0) f + (2 p0 - 5 p1 + 4 p2 - p3) f^2 + (3 p1 - p0 - 3 p2 + p3) f^3)
  vec3 a = 2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3;
  vec3 b = 3.0 * p1 - p0 - 3.0 * p2 + p3;
  vec3 pos = 0.5 * (2.0 * p1 + (p2 - p0) * f + a * f * f + b * f * f * f);
  vec3 tangent = 0.5 * ((p2 - p0) + 2.0 * a * f + 3.0 * b * f * f);

  vec4 view = modelViewMatrix * vec4(pos, 1.0);
  vec3 viewTangent = mat3(modelViewMatrix) * tangent;
  // Widen across both the curve and the line of sight, so the ribbon always faces the eye.
  vec3 across = cross(viewTangent, view.xyz);
  float len = length(across);
  across = len > 1e-12 ? across / len : vec3(1.0, 0.0, 0.0);
  float scale = length(modelViewMatrix[0].xyz);
  view.xyz += across * position.y * uWidth * 0.5 * scale;
  gl_Position = projectionMatrix * view;

  vSide = position.y;
  vStrength = iEdge.z;
  vHighlighted = (uHighlight.x == iLayers.x || uHighlight.x == iLayers.y) ? 1.0 : 0.0;
}
