//go:build unix

package safeio

import "syscall"

// openFlags opens a FIFO without waiting for a writer, so that its type is
// checked on the open file instead of blocking in open(2).
const openFlags = syscall.O_NONBLOCK
