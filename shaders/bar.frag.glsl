uniform vec3 uBarColour;

in float vValue;
in float vAlong;

layout(location = 0) out highp vec4 fragColor;

void main() {
  // Brighter towards the bar's tip and for confident classes.
  vec3 colour = uBarColour * (0.55 + 0.45 * vAlong) * (0.5 + 0.5 * vValue);
  fragColor = linearToOutputTexel(vec4(colour, 1.0));
}
