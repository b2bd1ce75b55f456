"""Demo data: Xã Điềm He (Lạng Sơn) as in the 2026 seed plan, a neighbour commune and their
province. Names of villages and people other than those in the seed plan are illustrative."""
