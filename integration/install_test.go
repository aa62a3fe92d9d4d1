package integration

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInstallFromClone runs the README's install command as written, from
// the repository, into a folder of the test's own (GOBIN), and runs the
// result.
func TestInstallFromClone(t *testing.T) {
	cmd := strings.TrimSpace(readmeBlock(t, "go install ./cmd/papers"))
	if cmd != "go install ./cmd/papers" {
		t.Fatalf("README install block: %q", cmd)
	}
	bin := t.TempDir()
	if out, ok := run(t, repoRoot(t), []string{"GOBIN=" + bin}, "sh", "-c", cmd); !ok {
		t.Fatalf("%s: %s", cmd, out)
	}
	if _, err := os.Stat(filepath.Join(bin, "papers")); err != nil {
		t.Fatal(err)
	}
	out, ok := run(t, "", nil, filepath.Join(bin, "papers"), "version")
	if !ok || !strings.HasPrefix(out, "papers ") {
		t.Errorf("papers version: %q", out)
	}
}
