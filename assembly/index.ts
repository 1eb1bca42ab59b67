// The mlmages compute core: pure kernels on host-owned memory.
export * from "./memory";
export * from "./ld_features";
export * from "./nn_forward";
export * from "./dp_mixture";
export * from "./gene_test";
export * from "./ld_blocks";
export * from "./nn_train";
export * from "./enet";
export * from "./eigen";
export * from "./ld_text";
export * from "./dp_fit";
export { spdInverseLogDet } from "./spd";
export { choleskyShifted } from "./spd_check";
export * from "./susie";
export * from "./ld_genotype";
