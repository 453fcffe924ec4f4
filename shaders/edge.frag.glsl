// Additive blending (src alpha, one) or max blending, with depth writes off: both are
// order-independent, so no sorting artifacts. Max blending ignores blend factors, so the colour is
// premultiplied by alpha there (uPremultiplied = 1): dense bundles keep their sign's hue instead of
// adding up to white.
uniform vec3 uPositiveColour;
uniform vec3 uNegativeColour;
uniform float uOpacity;
uniform float uPremultiplied;

in float vSide;
flat in float vStrength;
flat in float vHighlighted;

layout(location = 0) out highp vec4 fragColor;

void main() {
  vec3 colour = vStrength >= 0.0 ? uPositiveColour : uNegativeColour;
  // Opacity by magnitude, soft across the ribbon, stronger for the highlighted layer's edges.
  float alpha = abs(vStrength) * uOpacity * (1.0 - vSide * vSide) * (1.0 + 1.5 * vHighlighted);
  alpha = clamp(alpha, 0.0, 1.0);
  vec3 rgb = linearToOutputTexel(vec4(colour, 1.0)).rgb;
  fragColor = vec4(rgb * mix(1.0, alpha, uPremultiplied), alpha);
}
