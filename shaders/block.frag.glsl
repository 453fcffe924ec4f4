uniform vec3 uBlockColour;
uniform vec3 uHighlightColour;

in vec3 vNormal;
flat in float vHighlighted;

layout(location = 0) out highp vec4 fragColor;

void main() {
  // Headlight shading in view space: faces turned away from the viewer darken.
  float shade = 0.45 + 0.55 * abs(normalize(vNormal).z);
  vec3 colour = mix(uBlockColour, uHighlightColour, vHighlighted * 0.6) * shade;
  fragColor = linearToOutputTexel(vec4(colour, 1.0));
}
