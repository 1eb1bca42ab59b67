// mlmages for Node: the library, with the WASM core loaded from the package.
import "./wasm.js";

export * from "../index.js";
