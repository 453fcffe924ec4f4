// One instance per feature map (or collapsed slab) of every layer: a rectangle in a plane of
// constant z, facing +z, centred at iCenter with size iSize (network space, metres).
in vec3 iCenter;
in vec2 iSize;
// Atlas tile: top-left texel (x, y) and cells (w, h).
in vec4 iTile;
// page, tile index (for its value range), layer id, colour mode (see feature-map.frag.glsl).
in vec4 iInfo;
// Channel shown (-1: the aggregate slab).
in float iChannel;

out vec2 vUv;
flat out vec4 vTile;
flat out vec4 vInfo;
flat out float vChannel;

void main() {
  vUv = position.xy + 0.5;
  vTile = iTile;
  vInfo = iInfo;
  vChannel = iChannel;
  vec3 p = iCenter + vec3(position.xy * iSize, 0.0);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(p, 1.0);
}
