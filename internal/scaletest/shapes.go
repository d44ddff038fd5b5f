package scaletest

import (
	"fmt"
	"strings"
)

// Shape is a family of generated programs of growing size.
type Shape struct {
	Name string
	N    int                 // the size the scale test runs at (and at twice that)
	Gen  func(n int) Program // the program of size n
}

// Shapes returns the adversarial shapes. Each one is a function that
// gives every rule of the suite something to chew on: a WaitGroup with a
// goroutine added before the shape's statements and waited after them, a
// result channel sent on by goroutines and received in a select with
// ctx.Done() after them, a producer ranged over, a go statement dropping
// an error, a goroutine running a loop with no exit. The shape's own
// statements sit in between, where every path search has to cross them.
func Shapes() []Shape {
	return []Shape{
		{"ifs", 40, ifs},
		{"guarded", 40, guardedIfs},
		{"switch", 500, bigSwitch},
		{"stmts", 5000, stmts},
		{"goroutines", 200, goroutines},
		{"loops", 100, nestedLoops},
		{"selects", 100, selects},
		{"sends", 300, sends},
		{"channels", 100, channels},
		{"errgroup", 200, errgroups},
		{"chain", 200, chain},
		{"ring", 100, ring},
	}
}

const header = `package p

import (
	"context"
	"errors"
	"sync"
	"time"
)

var sink int

var _ = time.After

func work() error { return errors.New("failed") }

type server struct{ jobs chan int }

func (s *server) loop() {
	for {
		sink += <-s.jobs
	}
}
`

// frame returns a file holding header, extra, and the function Shape
// with the given extra parameters and body between the starts and the
// waits.
func frame(params, body, extra string) string {
	return header + extra + `
func Shape(ctx context.Context, s *server, x int` + params + `) error {
	var wg sync.WaitGroup
	results := make(chan int)
	items := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		results <- 1
	}()
	go func() {
		for i := 0; i < 3; i++ {
			items <- i
		}
	}()
	go work()
	go s.loop()
` + body + `
	for v := range items {
		sink += v
	}
	select {
	case v := <-results:
		sink += v
	case <-ctx.Done():
		return ctx.Err()
	}
	wg.Wait()
	return nil
}
`
}

func single(src string) Program { return Program{{Path: "scale/p", Files: []string{src}}} }

// ifs: n independent ifs on n distinct, never assigned conditions (the
// shape that made unwaited's path search exponential).
func ifs(n int) Program {
	var params, body strings.Builder
	for k := range n {
		fmt.Fprintf(&params, ", c%d bool", k)
		fmt.Fprintf(&body, "\tif c%d {\n\t\tprintln(%d)\n\t}\n", k, k)
	}
	return single(frame(params.String(), body.String(), ""))
}

// guardedIfs: n conditions each guarding a goroutine's start, then the
// same n conditions each guarding a Wait: every condition matters to a
// path search that pairs starts and waits, so such a search must bound
// the combinations it remembers.
func guardedIfs(n int) Program {
	var params, body strings.Builder
	for k := range n {
		fmt.Fprintf(&params, ", c%d bool", k)
		fmt.Fprintf(&body, "\tif c%d {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tresults <- %d\n\t\t}()\n\t}\n", k, k)
	}
	for k := range n {
		fmt.Fprintf(&body, "\tif c%d {\n\t\twg.Wait()\n\t}\n", k)
	}
	return single(frame(params.String(), body.String(), ""))
}

// bigSwitch: one switch of n cases, every seventh returning early.
func bigSwitch(n int) Program {
	var body strings.Builder
	body.WriteString("\tswitch x {\n")
	for k := range n {
		fmt.Fprintf(&body, "\tcase %d:\n\t\tsink += %d\n", k, k)
		if k%7 == 6 {
			body.WriteString("\t\treturn nil\n")
		}
	}
	body.WriteString("\t}\n")
	return single(frame("", body.String(), ""))
}

// stmts: n straight-line statements.
func stmts(n int) Program {
	var body strings.Builder
	for k := range n {
		fmt.Fprintf(&body, "\tsink += %d\n", k)
	}
	return single(frame("", body.String(), ""))
}

// goroutines: n goroutines started one after the other, each added to
// the group and sending on the result channel, which the function
// receives from once.
func goroutines(n int) Program {
	var body strings.Builder
	for k := range n {
		fmt.Fprintf(&body, "\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\tresults <- %d\n\t}()\n", k)
	}
	return single(frame("", body.String(), ""))
}

// nestedLoops: n loops nested in each other, alternately counted and
// endless with a break, around a goroutine start and a receive.
func nestedLoops(n int) Program {
	var body strings.Builder
	for k := range n {
		ind := strings.Repeat("\t", k+1)
		if k%2 == 0 {
			fmt.Fprintf(&body, "%sfor i%d := 0; i%d < x; i%d++ {\n", ind, k, k, k)
		} else {
			fmt.Fprintf(&body, "%sfor {\n", ind)
		}
	}
	ind := strings.Repeat("\t", n+1)
	fmt.Fprintf(&body, "%swg.Add(1)\n%sgo func() {\n%s\tdefer wg.Done()\n%s\tresults <- 1\n%s}()\n%ssink += <-results\n",
		ind, ind, ind, ind, ind, ind)
	for k := n - 1; k >= 0; k-- {
		ind := strings.Repeat("\t", k+1)
		if k%2 == 1 {
			fmt.Fprintf(&body, "%s\tif sink > %d {\n%s\t\tbreak\n%s\t}\n", ind, k, ind, ind)
		}
		fmt.Fprintf(&body, "%s}\n", ind)
	}
	return single(frame("", body.String(), ""))
}

// selects: a ladder of n selects, each of which can receive the result,
// give up on ctx.Done() and return, or time out and go on.
func selects(n int) Program {
	var body strings.Builder
	for k := range n {
		fmt.Fprintf(&body, `	select {
	case v := <-results:
		sink += v + %d
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Millisecond):
	}
`, k)
	}
	return single(frame("", body.String(), ""))
}

// sends: the function sends n times, each under its own if, on a
// channel that a goroutine ranges over, then closes it.
func sends(n int) Program {
	var body strings.Builder
	body.WriteString("\tout := make(chan int)\n\tgo func() {\n\t\tfor v := range out {\n\t\t\tsink += v\n\t\t}\n\t}()\n")
	for k := range n {
		fmt.Fprintf(&body, "\tif x > %d {\n\t\tout <- %d\n\t}\n", k, k)
	}
	body.WriteString("\tclose(out)\n")
	return single(frame("", body.String(), ""))
}

// channels: n channels made in the function, each with a goroutine
// sending once and a receive.
func channels(n int) Program {
	var body strings.Builder
	for k := range n {
		fmt.Fprintf(&body, "\tch%d := make(chan int)\n\tgo func() {\n\t\tch%d <- %d\n\t}()\n\tsink += <-ch%d\n", k, k, k, k)
	}
	return single(frame("", body.String(), ""))
}

// errgroups: an errgroup.Group started n times and waited n times, the
// error of every Wait dropped.
func errgroups(n int) Program {
	var body strings.Builder
	body.WriteString("\tvar g errgroup.Group\n")
	for k := range n {
		fmt.Fprintf(&body, "\tg.Go(func() error {\n\t\tresults <- %d\n\t\treturn nil\n\t})\n\tg.Wait()\n", k)
	}
	src := frame("", body.String(), "")
	src = strings.Replace(src, "import (\n", "import (\n\t\"golang.org/x/sync/errgroup\"\n", 1)
	return Program{{Path: "golang.org/x/sync/errgroup", Files: []string{errgroupStub}}, {Path: "scale/p", Files: []string{src}}}
}

// errgroupStub is the API of golang.org/x/sync/errgroup, at its import
// path (the rules match it by path), so that no module is needed.
const errgroupStub = `package errgroup

import (
	"context"
	"sync"
)

type Group struct {
	wg  sync.WaitGroup
	err error
}

func WithContext(ctx context.Context) (*Group, context.Context) { return &Group{}, ctx }

func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil && g.err == nil {
			g.err = err
		}
	}()
}

func (g *Group) TryGo(f func() error) bool { g.Go(f); return true }

func (g *Group) Wait() error { g.wg.Wait(); return g.err }

func (g *Group) SetLimit(n int) {}
`

// chainPackages is how many packages the chain shape spreads over.
const chainPackages = 4

// chain: a call chain of n functions across chainPackages packages, each
// forwarding the context and the result channel to the next and returning
// its error; the last one loops forever sending on the channel. The
// Shape function starts the head of the chain in a goroutine, so that
// every fact-based rule follows the chain through its facts.
func chain(n int) Program {
	per := max(1, n/chainPackages)
	var prog Program
	for p := range chainPackages {
		var b strings.Builder
		fmt.Fprintf(&b, "package c%d\n\nimport (\n\t\"context\"\n", p)
		if p+1 < chainPackages {
			fmt.Fprintf(&b, "\n\tnext \"scale/c%d\"\n", p+1)
		}
		b.WriteString(")\n\n")
		for k := range per {
			name := fmt.Sprintf("f%d", k)
			if k == 0 {
				name = "F0"
			}
			fmt.Fprintf(&b, "func %s(ctx context.Context, ch chan int) error {\n", name)
			switch {
			case k+1 < per:
				fmt.Fprintf(&b, "\treturn f%d(ctx, ch)\n", k+1)
			case p+1 < chainPackages:
				b.WriteString("\treturn next.F0(ctx, ch)\n")
			default:
				b.WriteString("\tfor {\n\t\tselect {\n\t\tcase ch <- 1:\n\t\tcase <-ctx.Done():\n\t\t}\n\t}\n")
			}
			b.WriteString("}\n\n")
		}
		// Dependencies first: c3, c2, c1, c0.
		prog = append(Program{{Path: fmt.Sprintf("scale/c%d", p), Files: []string{b.String()}}}, prog...)
	}
	src := frame("", "\tgo c0.F0(ctx, results)\n", "")
	src = strings.Replace(src, "import (\n", "import (\n\t\"scale/c0\"\n", 1)
	return append(prog, Package{Path: "scale/p", Files: []string{src}})
}

// ring: n unexported functions calling each other in a ring (the last
// calls the first again), each able to stop on a count, the last also
// starting a goroutine that never stops: recursion for the fixpoints
// that settle verdicts on cycles, and a chain of private functions for
// those that follow who calls whom.
func ring(n int) Program {
	var extra strings.Builder
	for k := range n {
		next := (k + 1) % n
		fmt.Fprintf(&extra, "\nfunc r%d(ctx context.Context, s *server, ch chan int, d int) error {\n", k)
		fmt.Fprintf(&extra, "\tif d == %d {\n\t\treturn nil\n\t}\n", k)
		if k == n-1 {
			extra.WriteString("\tgo s.loop()\n")
		}
		fmt.Fprintf(&extra, "\treturn r%d(ctx, s, ch, d-1)\n}\n", next)
	}
	return single(frame("", "\tgo r0(ctx, s, results, x)\n", extra.String()))
}
