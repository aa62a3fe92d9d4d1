//go:build !unix

package safeio

// openFlags: systems without FIFOs in the file system need nothing.
const openFlags = 0
