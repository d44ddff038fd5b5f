package unwaited

import (
	"context"
	"errors"
	"log"
	"os"
	"sync"
	"testing"

	"fatal"
	"golang.org/x/sync/errgroup"
)

// ok: defer wg.Wait() before the first Add covers every return.
func deferredWait(items []int) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, it := range items {
		if it < 0 {
			return errors.New("negative item")
		}
		wg.Add(1)
		go func() { defer wg.Done(); work(it) }()
	}
	return nil
}

// ok: both branches wait.
func waitInBothBranches(fast bool) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
	if fast {
		wg.Wait()
		return nil
	}
	work(2)
	wg.Wait()
	return nil
}

func waitAll(wg *sync.WaitGroup) { wg.Wait() }

// ok: the group is passed to a helper that waits.
func passedToHelper(items []int) error {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() { defer wg.Done(); work(it) }()
	}
	if len(items) > 10 {
		return errors.New("too many")
	}
	waitAll(&wg)
	return nil
}

type server struct {
	wg   *sync.WaitGroup
	quit chan struct{}
}

// ok: the group is stored in a field; Close waits on it.
func storedInField() *server {
	wg := &sync.WaitGroup{}
	s := &server{quit: make(chan struct{})}
	s.wg = wg
	wg.Add(1)
	go func() { defer wg.Done(); <-s.quit }()
	return s
}

// ok: the group goes into a struct literal.
func storedInLiteral() *server {
	wg := new(sync.WaitGroup)
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
	return &server{wg: wg}
}

// ok: the group is returned to the caller, who waits.
func returnedGroup(ctx context.Context) (*errgroup.Group, context.Context) {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch("a") })
	return g, ctx
}

// ok: a closer goroutine waits and closes the channel the caller ranges over.
func closerGoroutine(items []int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() { defer wg.Done(); out <- it * 2 }()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// ok: break leaves the loop and reaches the wait.
func loopWithBreak(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		if it == 0 {
			break
		}
		wg.Add(1)
		go func() { defer wg.Done(); work(it) }()
	}
	wg.Wait()
}

// ok: every case of the select falls through to the wait.
func selectThenWait(ctx context.Context, ch <-chan int) error {
	var wg sync.WaitGroup
	wg.Go(func() { work(1) })
	var err error
	select {
	case <-ctx.Done():
		err = ctx.Err()
	case v := <-ch:
		work(v)
	}
	wg.Wait()
	return err
}

// ok: the early exits panic or end the process; they do not return.
func exitsDoNotReturn(items []int, logger *log.Logger) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
	switch {
	case len(items) == 0:
		panic("no items")
	case len(items) == 1:
		os.Exit(2)
	case len(items) == 2:
		log.Fatalf("two items")
	case len(items) == 3:
		logger.Panicln("three items")
	}
	wg.Wait()
}

// ok: t.Fatal and t.Skip stop the test; they do not return.
func testStops(t *testing.T, items []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
	if len(items) == 0 {
		t.Fatal("no items")
	}
	if len(items) == 1 {
		t.Skip("one item")
	}
	wg.Wait()
}

// ok: returning the Wait error is waiting.
func returnWait(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(u) })
	}
	_ = ctx
	return g.Wait()
}

// ok: _ = g.Wait() discards the error on purpose.
func explicitDiscard(urls []string) {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(u) })
	}
	_ = g.Wait()
}

// ok: the error is checked.
func checkedWait(urls []string) int {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(u) })
	}
	if err := g.Wait(); err != nil {
		return 1
	}
	return 0
}

// ok: a deferred closure that waits covers every return.
func deferredClosureWait(items []int) error {
	var wg sync.WaitGroup
	results := make([]int, len(items))
	defer func() {
		wg.Wait()
		work(len(results))
	}()
	for i, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		wg.Add(1)
		go func() { defer wg.Done(); results[i] = it }()
	}
	return nil
}

// ok: an early return before the first Add leaves nothing behind.
func returnBeforeAdd(items []int) error {
	if len(items) == 0 {
		return errors.New("empty")
	}
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() { defer wg.Done(); work(it) }()
	}
	wg.Wait()
	return nil
}

// ok: the test waits at cleanup, through a method value.
func cleanupWaits(t *testing.T) {
	var wg sync.WaitGroup
	t.Cleanup(wg.Wait)
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
}

// ok: a loop that never ends never returns without waiting.
func serveForever(jobs <-chan int) {
	var wg sync.WaitGroup
	for {
		j := <-jobs
		wg.Add(1)
		go func() { defer wg.Done(); work(j) }()
	}
}

// ok: each iteration waits for its own batch before the next return.
func waitPerBatch(batches [][]int) error {
	for _, b := range batches {
		if len(b) == 0 {
			return errors.New("empty batch")
		}
		var wg sync.WaitGroup
		for _, it := range b {
			wg.Add(1)
			go func() { defer wg.Done(); work(it) }()
		}
		wg.Wait()
	}
	return nil
}

type worker struct{ wg sync.WaitGroup }

// ok: a group in a field belongs to its owner, who waits elsewhere.
func (w *worker) start(items []int) error {
	for _, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		w.wg.Add(1)
		go func() { defer w.wg.Done(); work(it) }()
	}
	return nil
}

// ok: a group passed in belongs to the caller.
func addTo(wg *sync.WaitGroup, items []int) {
	for _, it := range items {
		wg.Add(1)
		go func() { defer wg.Done(); work(it) }()
	}
}

// ok: a wait raced against a timeout in a select waits in a goroutine.
func waitWithTimeout(ctx context.Context) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ok: Wait on a sync.WaitGroup has no error to discard.
func waitGroupWaitStatement() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
	wg.Wait()
}

// ok: a group that never gets a goroutine is not judged.
func noGoroutines() {
	var wg sync.WaitGroup
	wg.Wait()
}

// ok: a counter the function adds to and marks done itself runs no
// goroutine (Add and Done in the same closure, as in a benchmark body).
func counterInSameClosure(run func(func())) {
	var wg sync.WaitGroup
	run(func() {
		wg.Add(1)
		work(1)
		wg.Done()
	})
}

// ok: an Add that nothing ever marks done counts no goroutine.
func addWithoutDone() {
	var wg sync.WaitGroup
	wg.Add(1)
}

// ok: the closer goroutine drops the error, but the second Wait checks it.
func closerThenCheckedWait(ctx context.Context, urls []string) (int, error) {
	g, ctx := errgroup.WithContext(ctx)
	c := make(chan int)
	for _, u := range urls {
		g.Go(func() error {
			select {
			case c <- len(u):
				return fetch(u)
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}
	go func() {
		g.Wait()
		close(c)
	}()
	n := 0
	for v := range c {
		n += v
	}
	if err := g.Wait(); err != nil {
		return 0, err
	}
	return n, nil
}

// ok: the goroutines can only return nil, so Wait has no error to drop.
func nilOnlyGoroutines(items []int) {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error {
			work(it)
			return nil
		})
	}
	g.Wait()
}

// ok: the same through a local func value.
func nilOnlyFuncValue(ch chan int) {
	g := &errgroup.Group{}
	fn := func() error { <-ch; return nil }
	g.Go(fn)
	g.Go(fn)
	g.Wait()
}

// ok: silenced with a reason.
func ignoredOnPurpose() {
	var wg sync.WaitGroup
	//asynclint:ignore unwaited the workers end with the process
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
}

// ok: the Add and the Wait sit under the same stable condition, so no
// path adds without waiting (badger's bank test starts its subscriber so).
func sameConditionAddAndWait(checkSubscriber bool, work func()) {
	var subWg sync.WaitGroup
	if checkSubscriber {
		subWg.Add(1)
		go func() {
			defer subWg.Done()
			work()
		}()
	}
	work()
	if checkSubscriber {
		subWg.Wait()
	}
}

type options struct{ verify bool }

// ok: a field path that the function never assigns is as stable, negated too.
func sameFieldConditionNegated(o *options, work func()) {
	var wg sync.WaitGroup
	if o.verify {
		wg.Go(work)
	}
	if !o.verify {
		return
	}
	wg.Wait()
}

// ok: thirty independent ifs that guard no Add or Wait lie between the
// Add and the Wait under the same condition: the search remembers only
// the condition that guards them, so it neither loses the pairing nor
// explores the 2^30 combinations of the others.
func manyUnrelatedConditions(checkSubscriber bool, work func(),
	c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29 bool) {
	var wg sync.WaitGroup
	if checkSubscriber {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	if c0 {
		println(0)
	}
	if c1 {
		println(1)
	}
	if c2 {
		println(2)
	}
	if c3 {
		println(3)
	}
	if c4 {
		println(4)
	}
	if c5 {
		println(5)
	}
	if c6 {
		println(6)
	}
	if c7 {
		println(7)
	}
	if c8 {
		println(8)
	}
	if c9 {
		println(9)
	}
	if c10 {
		println(10)
	}
	if c11 {
		println(11)
	}
	if c12 {
		println(12)
	}
	if c13 {
		println(13)
	}
	if c14 {
		println(14)
	}
	if c15 {
		println(15)
	}
	if c16 {
		println(16)
	}
	if c17 {
		println(17)
	}
	if c18 {
		println(18)
	}
	if c19 {
		println(19)
	}
	if c20 {
		println(20)
	}
	if c21 {
		println(21)
	}
	if c22 {
		println(22)
	}
	if c23 {
		println(23)
	}
	if c24 {
		println(24)
	}
	if c25 {
		println(25)
	}
	if c26 {
		println(26)
	}
	if c27 {
		println(27)
	}
	if c28 {
		println(28)
	}
	if c29 {
		println(29)
	}
	if checkSubscriber {
		wg.Wait()
	}
}

// ok: the project's own fatal helper, in another package, ends the
// process: the path through it never returns without waiting.
func fatalHelperEndsPath(items []int) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
	if len(items) == 0 {
		fatal.Exitf("no items")
		return errors.New("unreachable")
	}
	wg.Wait()
	return nil
}
