import type { MsdfFontJson } from './render/msdf-font';
import type { MsdfFontSource } from './render/label-mesh';

/** The MSDF font (Roboto, from three-mesh-ui's examples), served from our own origin. */
export const FONT_JSON_URL = `${import.meta.env.BASE_URL}generated/fonts/Roboto-msdf.json`;
export const FONT_IMAGE_URL = `${import.meta.env.BASE_URL}generated/fonts/Roboto-msdf.png`;

export async function loadMsdfFont(): Promise<MsdfFontSource> {
  const [jsonResponse, imageResponse] = await Promise.all([fetch(FONT_JSON_URL), fetch(FONT_IMAGE_URL)]);
  if (!jsonResponse.ok) throw new Error(`${FONT_JSON_URL} answered ${jsonResponse.status}`);
  if (!imageResponse.ok) throw new Error(`${FONT_IMAGE_URL} answered ${imageResponse.status}`);
  const json = (await jsonResponse.json()) as MsdfFontJson;
  const image = await createImageBitmap(await imageResponse.blob(), { imageOrientation: 'none', premultiplyAlpha: 'none' });
  return { json, image };
}
