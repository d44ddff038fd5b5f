// Package ctrl shows what ctrlflow infers by itself, with facts flowing
// as under go vet: the calls it cuts are reported.
package ctrl

import (
	"log"
	"os"
	"syscall"
	"testing"
)

func calls(t *testing.T, tb testing.TB, b *testing.B) {
	os.Exit(1)      // want `ctrlflow`
	syscall.Exit(1) // want `ctrlflow`
	log.Fatal("x")  // want `ctrlflow`
	log.Panic("x")  // want `ctrlflow`
	t.Fatal("x")    // want `ctrlflow`
	t.Fatalf("x")   // want `ctrlflow`
	t.FailNow()     // want `ctrlflow`
	t.Skip()        // want `ctrlflow`
	t.Skipf("x")    // want `ctrlflow`
	b.SkipNow()     // want `ctrlflow`
	tb.Fatal("x")   // not through the interface
}
