package uses

import (
	"helpers"
	"log"
	"os"
	"syscall"
	"testing"
)

func calls(t *testing.T, tb testing.TB, b *testing.B, l *log.Logger) {
	helpers.Fatalf("x")      // want `exits`
	helpers.Crash("x")       // want `noReturn`
	helpers.Forever()        // want `noReturn`
	helpers.FailTest(tb, "") // want `exits`
	helpers.Check(nil)
	helpers.FatalOrPanic(true) // want `exits`
	panic("x")                 // want `noReturn`
	os.Exit(1)                 // want `exits`
	syscall.Exit(1)            // want `exits`
	log.Fatal("x")             // want `exits`
	log.Panicf("x")            // want `noReturn`
	l.Fatalln("x")             // want `exits`
	t.Fatal("x")               // want `exits`
	t.FailNow()                // want `exits`
	t.Skip()                   // want `exits`
	b.SkipNow()                // want `exits`
	tb.Fatalf("x")             // want `exits`
	tb.Log("x")
	local()                 // want `exits`
	func() { os.Exit(1) }() // want `exits`
}

func local() { // a helper of this package, through another package's
	helpers.Fatalf("local") // want `exits`
}
