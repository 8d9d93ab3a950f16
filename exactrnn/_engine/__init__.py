"""The fast exact propagation kernels behind :mod:`exactrnn.rnn` (no public names)."""
