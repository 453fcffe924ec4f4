// Output-layer probability bars: a quad from iBase along iDirection, its length the node's value
// (0..1, cross-faded between epochs), iWidth wide across, in the plane of constant z.
in vec3 iBase;
in vec3 iDirection;
in float iWidth;
in vec4 iTexel;

out float vValue;
out float vAlong;

void main() {
  ivec2 texel = ivec2(iTexel.xy);
  int page = int(iTexel.z);
  int tile = int(iTexel.w);
  float current = atlasRaw(texel, page, tile, uCurrentSlot);
  float previous = atlasRaw(texel, page, tile, uPreviousSlot);
  float value = clamp(mix(previous, current, uFade), 0.0, 1.0);
  vValue = value;
  vAlong = position.x + 0.5;
  vec3 across = normalize(cross(vec3(0.0, 0.0, 1.0), iDirection));
  vec3 p = iBase + iDirection * (vAlong * max(value, 0.002)) + across * (position.y * iWidth);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(p, 1.0);
}
