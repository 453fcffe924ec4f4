// Additive blending (src alpha, one) with depth writes off: order-independent, no sorting artifacts.
uniform vec3 uPositiveColour;
uniform vec3 uNegativeColour;
uniform float uOpacity;

in float vSide;
flat in float vStrength;
flat in float vHighlighted;

layout(location = 0) out highp vec4 fragColor;

void main() {
  vec3 colour = vStrength >= 0.0 ? uPositiveColour : uNegativeColour;
  // Opacity by magnitude, soft across the ribbon, stronger for the highlighted layer's edges.
  float alpha = abs(vStrength) * uOpacity * (1.0 - vSide * vSide) * (1.0 + 1.5 * vHighlighted);
  fragColor = vec4(linearToOutputTexel(vec4(colour, 1.0)).rgb, clamp(alpha, 0.0, 1.0));
}
