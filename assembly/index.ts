// The mlmages compute core: pure kernels on host-owned memory.
export * from "./memory";
export * from "./ld_features";
export * from "./nn_forward";
