/** @module `OnnxGraphBuilder`: a small helper that collects ONNX nodes and initializers and encodes a ModelProto. */
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

/** ONNX opset we emit (HardSwish needs ≥ 14; Split/Squeeze take their sizes/axes as inputs since 13). */
export const AMP_ONNX_OPSET = 17;

/** Attribute values the builder knows how to encode. */
export type OnnxAttributeValue =
  | number
  | number[]
  | string
  | { readonly float: number }
  | { readonly floats: number[] };

/** One graph input or output: element type float32, `dims` with names for dynamic axes. */
export interface OnnxValueInfo {
  readonly name: string;
  readonly dims: readonly (number | string)[];
}

type NodeProtoInit = onnxProto.onnx.INodeProto;
type TensorProtoInit = onnxProto.onnx.ITensorProto;
type AttributeInit = onnxProto.onnx.IAttributeProto;

function attribute(name: string, value: OnnxAttributeValue): AttributeInit {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === "number") return { name, type: types.INT, i: value };
  if (typeof value === "string") return { name, type: types.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: types.INTS, ints: value };
  if ("float" in value) return { name, type: types.FLOAT, f: value.float };
  return { name, type: types.FLOATS, floats: value.floats };
}

function valueInfo(info: OnnxValueInfo) {
  return {
    name: info.name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: {
          dim: info.dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })),
        },
      },
    },
  };
}

/** Builds one graph; tensor names are generated (`prefix_n`) so nested sub-models never collide. */
export class OnnxGraphBuilder {
  private readonly nodes: NodeProtoInit[] = [];
  private readonly initializers: TensorProtoInit[] = [];
  private readonly constants = new Map<string, string>();
  private counter = 0;
  /**
   * Largest `K · in/groups` of any conv with K > 1: ORT's CPU Conv unrolls its input into that many rows per output
   * sample (im2col), so the runner bounds its chunk length by it.
   */
  im2colRowsPerSample = 1;

  /** A fresh tensor name. */
  name(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }

  /** Adds a float32 initializer (row-major `data` of shape `dims`) and returns its name. */
  floats(prefix: string, dims: readonly number[], data: Float32Array | readonly number[]): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (data.length !== size)
      throw new Error(`initializer ${prefix}: ${data.length} values for dims ${dims.join("x")}`);
    const array = data instanceof Float32Array ? data : Float32Array.from(data);
    const bytes = new Uint8Array(array.byteLength);
    // ONNX raw_data is little-endian; copy through a DataView so the byte order never depends on the host.
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < array.length; i++) view.setFloat32(4 * i, array[i] ?? 0, true);
    const name = this.name(prefix);
    this.initializers.push({ name, dims: [...dims], dataType: onnx.TensorProto.DataType.FLOAT, rawData: bytes });
    return name;
  }

  /** A float32 scalar-like constant of shape `[1]`, shared by value. */
  scalar(value: number): string {
    const key = `f${Math.fround(value)}`;
    const existing = this.constants.get(key);
    if (existing !== undefined) return existing;
    const name = this.floats("const", [1], [value]);
    this.constants.set(key, name);
    return name;
  }

  /** An int64 initializer (axes, split sizes, slice bounds), shared by value. */
  int64s(values: readonly number[]): string {
    const key = `i${values.join(",")}`;
    const existing = this.constants.get(key);
    if (existing !== undefined) return existing;
    const name = this.name("ints");
    this.initializers.push({
      name,
      dims: [values.length],
      dataType: onnx.TensorProto.DataType.INT64,
      int64Data: [...values],
    });
    this.constants.set(key, name);
    return name;
  }

  /** Adds a node with one output and returns the output's name. */
  op(opType: string, inputs: readonly string[], attributes: Record<string, OnnxAttributeValue> = {}): string {
    const output = this.name(opType.toLowerCase());
    this.opMulti(opType, inputs, [output], attributes);
    return output;
  }

  /** Adds a node with several (named) outputs. */
  opMulti(
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[],
    attributes: Record<string, OnnxAttributeValue> = {},
  ): void {
    this.nodes.push({
      opType,
      input: [...inputs],
      output: [...outputs],
      name: this.name(`n_${opType}`),
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
  }

  /** Renames a computed tensor to a graph output name (an Identity node). */
  alias(from: string, to: string): void {
    this.opMulti("Identity", [from], [to]);
  }

  /** Encodes the model (IR 8, opset `AMP_ONNX_OPSET`). */
  encode(inputs: readonly OnnxValueInfo[], outputs: readonly OnnxValueInfo[], docString: string): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: "guitar-tone-shootout amp converter",
      docString,
      opsetImport: [{ domain: "", version: AMP_ONNX_OPSET }],
      graph: {
        name: "nam",
        node: this.nodes,
        initializer: this.initializers,
        input: inputs.map(valueInfo),
        output: outputs.map(valueInfo),
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
