"""One small file per dashboard page; each composes components."""
