// Command inprocess runs the suite over packages with x/tools' in-process
// checker instead of the go vet route, so that eval/bench can weigh the
// two engines on the same packages (-tools inprocess). It prints the
// number of findings; the command, not this, is what users run.
//
//	go build -o /tmp/inprocess ./eval/inprocess
//	cd eval/corpus && /tmp/inprocess github.com/hashicorp/raft/...
package main

import (
	"fmt"
	"log"
	"os"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/internal/driver"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("inprocess: ")
	if len(os.Args) < 2 {
		log.Fatal("usage: inprocess PACKAGES")
	}
	tree, err := driver.InProcess(".", nil, analyzers.All(), os.Args[1:]...)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d findings\n", len(tree.Findings()))
}
