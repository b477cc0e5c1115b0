import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class CameraPixel {
  @Field(() => Int)
  id: number;

  @Field(() => Float, { description: 'Centre, metres.' })
  x: number;

  @Field(() => Float, { description: 'Centre, metres.' })
  y: number;

  @Field(() => Float, { description: 'Square metres.' })
  area: number;
}

@ObjectType({ description: "A camera's pixels, from its ctapipe geometry file." })
export class CameraGeometry {
  @Field({ description: 'The camera asked for.' })
  camera: string;

  @Field({ description: "The geometry's CAM_ID, e.g. NectarCam-003." })
  geometry: string;

  @Field({ description: 'e.g. hexagonal.' })
  pixelShape: string;

  @Field(() => Float, { description: 'Pixel rotation, degrees (NectarCAM: −19.1066).' })
  pixelRotationDeg: number;

  @Field(() => Float, { description: 'Camera rotation, degrees.' })
  cameraRotationDeg: number;

  @Field(() => [CameraPixel])
  pixels: CameraPixel[];
}
