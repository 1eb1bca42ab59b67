// A small, safe reader of the Python pickles that `torch.save(state_dict)`
// writes (protocols 2 to 4). It builds plain values, never runs code: the only
// globals it accepts are the few a state dict of tensors uses.
// see: Python's Lib/pickletools.py (opcode table); PyTorch torch/serialization.py.
import { InputError } from "../errors.js";

/** A reference to a tensor storage (`archive/data/<key>`), from a persistent id. */
export interface StorageRef {
  kind: "storage";
  dtype: string;
  key: string;
  numel: number;
}

/** A tensor view on a storage: `torch._utils._rebuild_tensor_v2`'s arguments. */
export interface TensorRef {
  kind: "tensor";
  storage: StorageRef;
  offset: number;
  size: number[];
  stride: number[];
}

interface GlobalRef {
  kind: "global";
  name: string;
}

export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PickleValue[]
  | Map<PickleValue, PickleValue>
  | StorageRef
  | TensorRef
  | GlobalRef;

const ALLOWED_GLOBALS = new Set([
  "collections.OrderedDict",
  "torch._utils._rebuild_tensor_v2",
  "torch._utils._rebuild_parameter",
  "torch.FloatStorage",
  "torch.DoubleStorage",
  "torch.HalfStorage",
  "torch.LongStorage",
  "torch.IntStorage",
  "torch.BoolStorage",
]);

const MARK = Symbol("mark");
type StackItem = PickleValue | typeof MARK;

/** Unpickles `bytes` (the archive's data.pkl); `source` names the file in errors. */
export function unpickle(bytes: Uint8Array, source: string): PickleValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  const stack: StackItem[] = [];
  const memo = new Map<number, PickleValue>();
  let pos = 0;

  const fail = (problem: string): never => {
    throw new InputError({ file: source }, `${problem} (pickle byte ${pos})`);
  };
  const need = (n: number) => {
    if (pos + n > bytes.length) fail("truncated pickle data");
  };
  const u8 = () => (need(1), bytes[pos++]);
  const u16 = () => (need(2), (pos += 2), view.getUint16(pos - 2, true));
  const u32 = () => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const i32 = () => (need(4), (pos += 4), view.getInt32(pos - 4, true));
  const take = (n: number) => (need(n), (pos += n), bytes.subarray(pos - n, pos));
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) fail("truncated pickle data");
    const s = text.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const pop = (): PickleValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) return fail("malformed pickle (stack underflow)");
    return v;
  };
  const popMark = (): PickleValue[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) fail("malformed pickle (no mark)");
    const items = stack.splice(at) as PickleValue[];
    items.shift();
    return items;
  };
  const top = (): PickleValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) return fail("malformed pickle (stack underflow)");
    return v;
  };
  const list = (): PickleValue[] => {
    const l = top();
    return Array.isArray(l) ? l : fail("malformed pickle (APPEND to a non-list)");
  };
  const global = (module: string, name: string): GlobalRef => {
    const full = `${module}.${name}`;
    if (!ALLOWED_GLOBALS.has(full)) fail(`unsupported pickle global '${full}' (only PyTorch state dicts of tensors can be read)`);
    return { kind: "global", name: full };
  };
  const setItems = (items: PickleValue[]) => {
    const d = top();
    if (!(d instanceof Map)) return fail("malformed pickle (SETITEM on a non-dict)");
    for (let i = 0; i + 1 < items.length; i += 2) d.set(items[i], items[i + 1]);
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80: u8(); break; // PROTO
      case 0x95: take(8); break; // FRAME
      case 0x2e: return pop(); // STOP
      case 0x28: stack.push(MARK); break; // MARK
      case 0x63: { const m = line(); stack.push(global(m, line())); break; } // GLOBAL
      case 0x93: { const name = pop(); const m = pop(); stack.push(global(String(m), String(name))); break; } // STACK_GLOBAL
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: case 0x6a: { // BINGET, LONG_BINGET
        const k = op === 0x68 ? u8() : u32();
        if (!memo.has(k)) fail(`malformed pickle (memo ${k} missing)`);
        stack.push(memo.get(k)!);
        break;
      }
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x29: stack.push([]); break; // EMPTY_TUPLE
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x74: stack.push(popMark()); break; // TUPLE
      case 0x85: stack.push([pop()]); break; // TUPLE1
      case 0x86: { const b = pop(); stack.push([pop(), b]); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); stack.push([pop(), b, c]); break; } // TUPLE3
      case 0x61: { const v = pop(); list().push(v); break; } // APPEND
      case 0x65: { const items = popMark(); list().push(...items); break; } // APPENDS
      case 0x73: { const v = pop(); const k = pop(); setItems([k, v]); break; } // SETITEM
      case 0x75: setItems(popMark()); break; // SETITEMS
      case 0x58: stack.push(text.decode(take(u32()))); break; // BINUNICODE
      case 0x8c: stack.push(text.decode(take(u8()))); break; // SHORT_BINUNICODE
      case 0x42: stack.push(take(u32()).slice()); break; // BINBYTES
      case 0x43: stack.push(take(u8()).slice()); break; // SHORT_BINBYTES
      case 0x4a: stack.push(i32()); break; // BININT
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x8a: { // LONG1
        const b = take(u8());
        let v = 0n;
        for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
        if (b.length && b[b.length - 1] & 0x80) v -= 1n << BigInt(8 * b.length);
        stack.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
        break;
      }
      case 0x47: { need(8); stack.push(view.getFloat64(pos, false)); pos += 8; break; } // BINFLOAT (big endian)
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x51: stack.push(persistent(pop(), fail)); break; // BINPERSID
      case 0x52: { const args = pop(); stack.push(reduce(pop(), args, fail)); break; } // REDUCE
      case 0x62: pop(); break; // BUILD: state (tensor hooks, dict metadata) is not needed
      default:
        fail(`unsupported pickle opcode 0x${op.toString(16).padStart(2, "0")}`);
    }
  }
}

function isGlobal(v: PickleValue | undefined): v is GlobalRef {
  return typeof v === "object" && v !== null && "kind" in v && v.kind === "global";
}

/** A whole number ≥ 0 that indexes memory (a size, stride or offset), else undefined. */
function count(v: PickleValue | undefined): number | undefined {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

/** A tuple of whole numbers ≥ 0, else undefined. */
function counts(v: PickleValue | undefined): number[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.map(count);
  return out.every((x) => x !== undefined) ? (out as number[]) : undefined;
}

function persistent(pid: PickleValue, fail: (p: string) => never): StorageRef {
  if (!Array.isArray(pid) || pid[0] !== "storage" || pid.length < 5 || !isGlobal(pid[1])) return fail("unsupported persistent id (not a tensor storage)");
  return { kind: "storage", dtype: pid[1].name.replace("torch.", ""), key: String(pid[2]), numel: Number(pid[4]) };
}

function reduce(fn: PickleValue, args: PickleValue, fail: (p: string) => never): PickleValue {
  if (!isGlobal(fn) || !Array.isArray(args)) {
    return fail("malformed pickle (REDUCE on a non-callable)");
  }
  switch (fn.name) {
    case "collections.OrderedDict":
      return new Map();
    case "torch._utils._rebuild_tensor_v2": {
      const [storage, offset, size, stride] = args;
      if (!storage || typeof storage !== "object" || !("kind" in storage) || storage.kind !== "storage") return fail("malformed tensor (no storage)");
      const o = count(offset);
      const sz = counts(size);
      const st = counts(stride);
      if (o === undefined || !sz || !st || sz.length !== st.length) return fail("malformed tensor (offset, size and stride must be whole numbers ≥ 0, size and stride of one length)");
      return { kind: "tensor", storage, offset: o, size: sz, stride: st };
    }
    case "torch._utils._rebuild_parameter":
      return args[0];
    default:
      return fail(`'${fn.name}' cannot be called`);
  }
}
