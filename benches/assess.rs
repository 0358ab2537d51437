//! Benchmarks of the decision engine (filled in with the assess tests).

fn main() {}
