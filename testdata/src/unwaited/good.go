package unwaited

import (
	"context"
	"errors"
	"io"
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"
)

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

// ok: the early return inside the loop abandons the workers started so
// far, but the group is awaited on the other path: reported only with
// -unwaited.paths (the same function is a positive in paths/bad.go).
func returnInsideLoop(items []int) error {
	var wg sync.WaitGroup
	for _, it := range items {
		if it < 0 {
			return errors.New("negative item")
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(it)
		}()
	}
	wg.Wait()
	return nil
}

// ok: a fast path skips g.Wait(); reported only with -unwaited.paths.
func errgroupFastPath(ctx context.Context, urls []string, cached bool) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(u) })
	}
	if cached {
		return nil
	}
	_ = ctx
	return g.Wait()
}

// ok: a start barrier that nobody waits for: the goroutine marks done
// first, so the group never counted running work and a Wait would have
// joined nothing.
func barrierNeverWaited(w io.Writer, r io.Reader) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Done()
		io.Copy(w, r)
	}()
}
