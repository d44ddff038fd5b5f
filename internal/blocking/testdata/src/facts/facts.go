// Package facts holds the fixtures of blocking's facts. Only exported
// functions get facts (others cannot be called from another package).
package facts

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"time"

	"facts/lib"
	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

// Direct operations, one kind each.

func Sleeps() { time.Sleep(time.Millisecond) } // want Sleeps:"mayBlock\\(sleep\\)"

func Sends(ch chan int) { ch <- 1 } // want Sends:"mayBlock\\(chan\\)"

func Receives(ch chan int) int { return <-ch } // want Receives:"mayBlock\\(chan\\)"

func Ranges(ch chan int) { // want Ranges:"mayBlock\\(chan\\)"
	for range ch {
	}
}

func Selects(a, b chan int) { // want Selects:"mayBlock\\(chan\\)"
	select {
	case <-a:
	case b <- 1:
	}
}

func Forever() { select {} } // want Forever:"mayBlock\\(chan\\)"

func TimerWait(d time.Duration) { <-time.After(d) } // want TimerWait:"mayBlock\\(sleep\\)"

func TickerLoop(t *time.Ticker) { // want TickerLoop:"mayBlock\\(sleep\\)"
	for range t.C {
	}
}

func Waits(wg *sync.WaitGroup) { wg.Wait() } // want Waits:"mayBlock\\(wait\\)"

func CondWait(c *sync.Cond) { c.Wait() } // want CondWait:"mayBlock\\(wait\\)"

func Yields() { runtime.Gosched() } // want Yields:"mayBlock\\(yield\\)"

func Dials() { net.Dial("tcp", "localhost:1") } // want Dials:"mayBlock\\(io\\)"

func Gets() { http.Get("http://localhost:1") } // want Gets:"mayBlock\\(io\\)"

func Runs() { exec.Command("true").Run() } // want Runs:"mayBlock\\(io\\)"

func ReadsConn(c net.Conn, b []byte) { c.Read(b) } // want ReadsConn:"mayBlock\\(io\\)"

// No fact: a select with default never waits.
func NonBlockingSend(ch chan int) {
	select {
	case ch <- 1:
	default:
	}
}

// No fact: Lock is an operation, never a fact.
func Locks(mu *sync.Mutex) {
	mu.Lock()
	mu.Unlock()
}

// No fact: io.Copy waits only as long as its reader does.
func Copies(w io.Writer, r io.Reader) { io.Copy(w, r) }

// Through calls: the depth counts the calls.

func CallsSleeps() { Sleeps() } // want CallsSleeps:"mayBlock\\(sleep@1\\)"

func sleepHelper() { time.Sleep(1) }

func CallsHelper() { sleepHelper() } // want CallsHelper:"mayBlock\\(sleep@1\\)"

func Mixed(ch chan int) { // want Mixed:"mayBlock\\(sleep@2 chan\\)"
	CallsHelper()
	ch <- 1
	CallsSleeps()
}

// Recursion: the fixpoint settles.

func Ping(n int) { // want Ping:"mayBlock\\(sleep@2\\)"
	if n > 0 {
		Pong(n - 1)
	}
}

func Pong(n int) { // want Pong:"mayBlock\\(sleep@1\\)"
	if n == 0 {
		Sleeps()
		return
	}
	Ping(n)
}

func Recurse(ch chan int, n int) { // want Recurse:"mayBlock\\(chan\\)"
	if n == 0 {
		ch <- 1
		return
	}
	Recurse(ch, n-1)
}

// No fact: recursion with no wait anywhere.
func Even(n int) bool {
	if n == 0 {
		return true
	}
	return Odd(n - 1)
}

func Odd(n int) bool { return n != 0 && Even(n-1) }

// Not followed: interfaces and function values.

type Sleeper interface{ Sleep() }

func ViaInterface(s Sleeper) { s.Sleep() }

func ViaFuncValue(f func()) { f() }

func ViaLocalFunc() {
	f := func() { time.Sleep(1) }
	f()
}

// Literals: called on the spot they count, defined or started they do not.

func OnTheSpot() { func() { time.Sleep(1) }() } // want OnTheSpot:"mayBlock\\(sleep\\)"

func Deferred(wg *sync.WaitGroup) { defer wg.Wait() } // want Deferred:"mayBlock\\(wait\\)"

func DeferredLit(wg *sync.WaitGroup) { defer func() { wg.Wait() }() } // want DeferredLit:"mayBlock\\(wait\\)"

func InGoroutine() { go time.Sleep(1) }

func InGoLit(ch chan int) { go func() { ch <- 1 }() }

func GoArgs(ch chan int) { go fmt.Println(<-ch) } // want GoArgs:"mayBlock\\(chan\\)"

func Literal() func() { return func() { time.Sleep(1) } }

// Contexts: which waits the ctx parameter interrupts.

func HonoursCtx(ctx context.Context, ch chan int) error { // want HonoursCtx:"mayBlock\\(chan\\) honoursCtx"
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-ch:
	}
	return nil
}

func WaitsForDone(ctx context.Context) { <-ctx.Done() } // want WaitsForDone:"mayBlock\\(chan\\) honoursCtx"

func SleepsWithCtx(ctx context.Context) { time.Sleep(1) } // want SleepsWithCtx:"mayBlock\\(sleep\\) uncancellable\\(sleep\\)"

func SleepsInterruptibly(ctx context.Context, d time.Duration) error { // want SleepsInterruptibly:"mayBlock\\(sleep chan\\) honoursCtx"
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func PassesCtx(ctx context.Context, ch chan int) { HonoursCtx(ctx, ch) } // want PassesCtx:"mayBlock\\(chan@1\\) honoursCtx"

func PassesDerived(ctx context.Context, ch chan int) { // want PassesDerived:"mayBlock\\(chan@1\\) honoursCtx"
	ctx2, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	HonoursCtx(ctx2, ch)
}

func PassesBackground(ctx context.Context, ch chan int) { HonoursCtx(context.Background(), ch) } // want PassesBackground:"mayBlock\\(chan@1\\) uncancellable\\(chan\\)"

func PassesDetached(ctx context.Context, ch chan int) { HonoursCtx(context.WithoutCancel(ctx), ch) } // want PassesDetached:"uncancellable\\(chan\\)"

func NoCtxCaller(ch chan int) { HonoursCtx(context.Background(), ch) } // want NoCtxCaller:"^mayBlock\\(chan@1\\)$"

func BlankCtx(_ context.Context) { time.Sleep(1) } // want BlankCtx:"mayBlock\\(sleep\\) uncancellable\\(sleep\\)"

func PartlyCancellable(ctx context.Context, ch chan int) { // want PartlyCancellable:"mayBlock\\(sleep chan\\) uncancellable\\(sleep\\)"
	time.Sleep(1)
	<-ctx.Done()
}

type server struct{ ctx context.Context }

// A field's Done is not the parameter's.
func (s *server) FieldDone(ctx context.Context, ch chan int) { // want FieldDone:"uncancellable\\(chan\\)"
	select {
	case <-s.ctx.Done():
	case <-ch:
	}
}

func DialsWithCtx(ctx context.Context, d *net.Dialer) { d.DialContext(ctx, "tcp", "x") } // want DialsWithCtx:"mayBlock\\(io\\) honoursCtx"

// Across packages.

func CallsLib() { lib.Sleep() } // want CallsLib:"mayBlock\\(sleep@1\\)"

func CrossDeep() { lib.L3() } // want CrossDeep:"mayBlock\\(sleep@4\\)"

// No fact: lib.L4 sleeps five calls away, beyond MaxDepth.
func CrossTooDeep() { lib.L4() }

func UsesClient(ctx context.Context, c *lib.Client) { c.Fetch(ctx) } // want UsesClient:"mayBlock\\(chan@1\\) honoursCtx"

func CallsPromoted(o lib.Outer) { o.Block() } // want CallsPromoted:"mayBlock\\(chan@1\\)"

func CallsGeneric(ch chan int) { lib.Gen(ch) } // want CallsGeneric:"mayBlock\\(chan@1\\)"

// Known by name, with and without a context.

func GroupWait(g *errgroup.Group) error { return g.Wait() } // want GroupWait:"mayBlock\\(wait\\)"

func Acquires(ctx context.Context, s *semaphore.Weighted) error { return s.Acquire(ctx, 1) } // want Acquires:"mayBlock\\(wait\\) honoursCtx"

func AcquiresDetached(ctx context.Context, s *semaphore.Weighted) error { // want AcquiresDetached:"mayBlock\\(wait\\) uncancellable\\(wait\\)"
	return s.Acquire(context.TODO(), 1)
}

func Queries(db *sql.DB) { db.Query("select 1") } // want Queries:"mayBlock\\(io\\)"

func QueriesWithCtx(ctx context.Context, db *sql.DB) { db.QueryContext(ctx, "select 1") } // want QueriesWithCtx:"mayBlock\\(io\\) honoursCtx"

func WaitsForProcess(p *os.Process) { p.Wait() } // want WaitsForProcess:"mayBlock\\(io\\)"

func Accepts(l net.Listener) { l.Accept() } // want Accepts:"mayBlock\\(io\\)"

// No fact: net.Buffers is memory, not a connection.
func WritesBuffers(b *net.Buffers, w io.Writer) { b.WriteTo(w) }
