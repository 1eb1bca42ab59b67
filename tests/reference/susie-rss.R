# Reference values and timings of susieR's susie_rss for mlmages' SuSiE-RSS.
#
#   Rscript tests/reference/susie-rss.R dev DEV_INPUT_DIR N OUT_DIR
#       susie_rss(z = BETA/SE, R, n = N, L = 10) on every LD block of each
#       gwas_T*.csv (blocks from ld_blocks.txt); writes OUT_DIR/dev_T*.tsv with
#       POSTERIOR_MEAN (coef, standardised scale), BETA_SHRINK (coef * sqrt(N) * SE),
#       PIP and NITER (of the variant's block).
#   Rscript tests/reference/susie-rss.R sim OUT_DIR
#       a small seeded simulation (n = 500 samples, p = 60 variants in
#       AR(1)-correlated blocks, 3 causal): writes OUT_DIR/sim_input.tsv
#       (BHAT, SHAT), OUT_DIR/sim_ld.tsv (R), OUT_DIR/sim_susier.tsv.
#   Rscript tests/reference/susie-rss.R time DEV_INPUT_DIR N REPS
#       prints the seconds of susie_rss over all blocks and traits (data read
#       and package loaded beforehand): the first run, then the best of REPS runs.
#   Rscript tests/reference/susie-rss.R blocks GLM BLOCKS_TXT N OUT
#       susie_rss(z = BETA/SE, R, n = N, L = 10) per block of a plink2 --glm
#       table (in LD order) with LD blocks listed in BLOCKS_TXT (float32 square
#       matrices, plink --r square bin4, as mlmages ld writes); writes OUT with
#       BETA_SHRINK (coef * sqrt(N) * SE) and PIP; prints the seconds of the fits.
suppressMessages(library(susieR))
args <- commandArgs(trailingOnly = TRUE)
fmt <- function(x) sprintf("%.17g", x)

read_blocks <- function(dir) {
  files <- readLines(file.path(dir, "ld_blocks.txt"))
  files <- files[nchar(files) > 0]
  lapply(files, function(f) unname(as.matrix(read.table(file.path(dir, f)))))
}

fit_blocks <- function(gwas, blocks, n) {
  start <- 0
  out <- NULL
  for (R in blocks) {
    idx <- start + seq_len(nrow(R))
    z <- gwas$BETA[idx] / gwas$SE[idx]
    fit <- susie_rss(z, R, n = n, L = 10)
    pm <- coef(fit)[-1]
    out <- rbind(out, data.frame(POSTERIOR_MEAN = pm, BETA_SHRINK = pm * sqrt(n) * gwas$SE[idx],
                                 PIP = fit$pip, NITER = fit$niter))
    start <- start + nrow(R)
  }
  out
}

write_tsv <- function(df, path) {
  df[] <- lapply(df, function(col) if (is.double(col)) fmt(col) else col)
  write.table(df, path, sep = "\t", quote = FALSE, row.names = FALSE)
}

mode <- args[1]
if (mode == "dev") {
  dir <- args[2]; n <- as.numeric(args[3]); out <- args[4]
  blocks <- read_blocks(dir)
  for (f in sort(list.files(dir, pattern = "^gwas_T[0-9]+\\.csv$"))) {
    gwas <- read.csv(file.path(dir, f))
    trait <- sub("^gwas_(T[0-9]+)\\.csv$", "\\1", f)
    write_tsv(fit_blocks(gwas, blocks, n), file.path(out, paste0("dev_", trait, ".tsv")))
  }
} else if (mode == "sim") {
  out <- args[2]
  set.seed(19)
  n <- 500; p <- 60; rho <- 0.8
  X <- matrix(rnorm(n * p), n, p)
  for (j in 2:p) if (j %% 20 != 1) X[, j] <- rho * X[, j - 1] + sqrt(1 - rho^2) * X[, j]
  X <- scale(X)
  b <- rep(0, p); b[c(5, 27, 48)] <- c(0.25, -0.2, 0.15)
  y <- drop(X %*% b + rnorm(n))
  ss <- univariate_regression(X, y)
  R <- cor(X)
  write_tsv(data.frame(BHAT = ss$betahat, SHAT = ss$sebetahat), file.path(out, "sim_input.tsv"))
  write.table(matrix(fmt(R), p, p), file.path(out, "sim_ld.tsv"), sep = "\t", quote = FALSE,
              row.names = FALSE, col.names = FALSE)
  fit <- susie_rss(bhat = ss$betahat, shat = ss$sebetahat, R = R, n = n, L = 10)
  write_tsv(data.frame(POSTERIOR_MEAN = coef(fit)[-1], PIP = fit$pip, NITER = fit$niter),
            file.path(out, "sim_susier.tsv"))
  cs <- fit$sets$cs
  writeLines(vapply(names(cs), function(k) paste0(k, "\t", paste(cs[[k]], collapse = ",")), ""),
             file.path(out, "sim_susier_cs.tsv"))
} else if (mode == "time") {
  dir <- args[2]; n <- as.numeric(args[3]); reps <- as.integer(args[4])
  blocks <- read_blocks(dir)
  traits <- lapply(sort(list.files(dir, pattern = "^gwas_T[0-9]+\\.csv$")), function(f) read.csv(file.path(dir, f)))
  ends <- cumsum(vapply(blocks, nrow, 0))
  zs <- lapply(traits, function(g) lapply(seq_along(blocks), function(k) {
    idx <- (ends[k] - nrow(blocks[[k]]) + 1):ends[k]
    g$BETA[idx] / g$SE[idx]
  }))
  times <- vapply(seq_len(reps), function(r) {
    t0 <- proc.time()[["elapsed"]]
    for (z in zs) for (k in seq_along(blocks)) susie_rss(z[[k]], blocks[[k]], n = n, L = 10)
    proc.time()[["elapsed"]] - t0
  }, 0)
  cat(fmt(times[1]), fmt(min(times)), "\n")
} else if (mode == "blocks") {
  glm <- read.delim(args[2], comment.char = "")
  n <- as.numeric(args[4])
  files <- readLines(args[3])
  files <- file.path(dirname(args[3]), files[nchar(files) > 0])
  blocks <- lapply(files, function(f) {
    p <- round(sqrt(file.size(f) / 4))
    matrix(readBin(f, "numeric", n = p * p, size = 4, endian = "little"), p, p)
  })
  t0 <- proc.time()[["elapsed"]]
  out <- fit_blocks(glm, blocks, n)
  cat(fmt(proc.time()[["elapsed"]] - t0), "\n")
  write_tsv(out[, c("BETA_SHRINK", "PIP")], args[5])
} else stop("mode is dev, sim, time or blocks")
