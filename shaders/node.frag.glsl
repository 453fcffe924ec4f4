uniform vec3 uHighlightColour;
uniform vec3 uSelectionColour;

in vec2 vCorner;
flat in vec3 vColour;
flat in float vRing;

layout(location = 0) out highp vec4 fragColor;

void main() {
  float r2 = dot(vCorner, vCorner);
  if (r2 > 1.0) discard;
  // Unit sphere normal at this point of the disc, lit from the upper right front.
  vec3 n = vec3(vCorner, sqrt(1.0 - r2));
  vec3 light = normalize(vec3(0.4, 0.6, 0.7));
  float diffuse = max(dot(n, light), 0.0);
  float specular = pow(max(dot(reflect(-light, n), vec3(0.0, 0.0, 1.0)), 0.0), 24.0);
  vec3 colour = vColour * (0.35 + 0.65 * diffuse) + vec3(0.25 * specular);
  if (vRing > 1.5 && r2 > 0.6) colour = uSelectionColour;
  else if (vRing > 0.5 && r2 > 0.72) colour = uHighlightColour;
  fragColor = linearToOutputTexel(vec4(colour, 1.0));
}
