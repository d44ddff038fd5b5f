package strandedsend

import (
	"context"
	"errors"
	"sync"
	"time"

	"fatal"
	"strandedsend/dep"
)

// ok: one goroutine, one send, capacity one: the send always succeeds.
func bufferedOne(ctx context.Context) (int, error) {
	results := make(chan int, 1)
	go func() { results <- compute() }()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// ok: a loop of known count starts three goroutines into a channel of
// capacity three.
func bufferedForLoopCount(ctx context.Context) int {
	results := make(chan int, 3)
	for i := range 3 {
		go func() { results <- i }()
	}
	select {
	case r := <-results:
		return r
	case <-ctx.Done():
		return 0
	}
}

// ok: a capacity computed at run time is presumed to fit the goroutines.
func bufferedByLength(items []string) error {
	errc := make(chan error, len(items))
	for range items {
		go func() { errc <- check() }()
	}
	for range items {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// ok: the sender gives up with the receiver.
func senderSelectsOnDone(ctx context.Context) (int, error) {
	results := make(chan int)
	go func() {
		select {
		case results <- compute():
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// ok: every result is received on every path.
func drainedOnEveryPath(items []string) error {
	errc := make(chan error)
	for range items {
		go func() { errc <- check() }()
	}
	var first error
	for range items {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// ok: the range ends when the producer closes, and nothing breaks out.
func rangeUntilClosed(items []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, it := range items {
			ch <- it
		}
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

// ok: the loop leaves only once the channel is closed.
func commaOkUntilClosed(items []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, it := range items {
			ch <- it
		}
	}()
	sum := 0
	for {
		v, ok := <-ch
		if !ok {
			break
		}
		sum += v
	}
	return sum
}

// ok: the goroutine sends a result or an error, never both.
func resultOrError() (int, error) {
	resc, errc := make(chan int), make(chan error)
	go func() {
		v, err := fetch()
		if err != nil {
			errc <- err
			return
		}
		resc <- v
	}()
	select {
	case v := <-resc:
		return v, nil
	case err := <-errc:
		return 0, err
	}
}

// ok: the cancel path still receives the value before returning.
func drainOnCancel(ctx context.Context) (int, error) {
	results := make(chan int)
	go func() { results <- compute() }()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		<-results
		return 0, ctx.Err()
	}
}

// ok: the channel is returned; its receiver is the caller.
func generator() <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		ch <- compute()
	}()
	return ch
}

// ok: the named sender selects on ctx.Done() (facts).
func guardedImported(ctx context.Context) int {
	results := make(chan int)
	go dep.Guarded(ctx, results)
	select {
	case r := <-results:
		return r
	case <-ctx.Done():
		return 0
	}
}

// ok: giving up panics; nobody is left to leak.
func timeoutPanics() int {
	ch := make(chan int)
	go func() { ch <- compute() }()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Minute):
		panic("timeout")
	}
}

// ok: a goroutine receives from the channel: a pipeline stage, not a
// result channel of this function.
func pipelineStage(in []int) {
	ch := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for v := range ch {
			_ = v
		}
	}()
	for _, v := range in {
		ch <- v
	}
	close(ch)
	wg.Wait()
}

// ok: the only other case loops back; the function leaves only after
// receiving.
func tickerKeepsWaiting() int {
	ch := make(chan int)
	go func() { ch <- compute() }()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case v := <-ch:
			return v
		case <-tick.C:
			println("still waiting")
		}
	}
}

// ok: a loop that never returns cannot strand anything.
func serveForever(ctx context.Context, requests <-chan int) {
	replies := make(chan int)
	go func() { replies <- compute() }()
	for {
		select {
		case <-replies:
		case <-requests:
		case <-ctx.Done():
		}
	}
}

// ok: silenced with a reason.
func silenced(ctx context.Context) int {
	results := make(chan int)
	go func() {
		//asynclint:ignore strandedsend the process exits right after
		results <- compute()
	}()
	select {
	case r := <-results:
		return r
	case <-ctx.Done():
		return 0
	}
}

// ok: a done channel that is only closed, never sent on.
func closedNotSent(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = compute()
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return errors.New("gave up")
	}
}

// ok: the deferred function receives the value on every way out.
func deferredDrain() (out int) {
	outC := make(chan int)
	go func() { outC <- compute() }()
	defer func() {
		out = <-outC
	}()
	if err := check(); err != nil {
		return 0
	}
	return 1
}

// ok: the loop stops after counting every worker's reply.
func countedReplies(ctx context.Context, n int) error {
	errc := make(chan error)
	for range n {
		go func() { errc <- check() }()
	}
	active := n
	for {
		select {
		case <-errc:
			active--
			if active == 0 {
				return nil
			}
		case <-time.After(time.Second):
			println("waiting for", active)
		}
	}
}

// ok: each goroutine's value is received before the next one starts.
func oneAfterAnother() error {
	errc := make(chan error)
	go func() { errc <- check() }()
	if err := <-errc; err != nil {
		return err
	}
	go func() { errc <- check() }()
	return <-errc
}

// ok: the goroutine either sends an error or closes done, never both.
func errorOrDone() error {
	errc, done := make(chan error), make(chan struct{})
	go func() {
		if err := check(); err != nil {
			errc <- err
			return
		}
		close(done)
	}()
	select {
	case err := <-errc:
		return err
	case <-done:
		return nil
	}
}

// ok: a constant buffer for a number of goroutines known at run time is
// presumed to be sized for them.
func bufferedForRuntimeCount(ctx context.Context, items []string) error {
	const maxItems = 16
	errc := make(chan error, maxItems)
	for range items {
		go func() { errc <- check() }()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ok: the buffer collects errors that the spawner inspects with len.
func errorCollector(items []string) error {
	errs := make(chan error, 100)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range items {
			if err := check(); err != nil {
				errs <- err
			}
		}
	}()
	wg.Wait()
	if len(errs) > 0 {
		return <-errs
	}
	return nil
}

// ok: on timeout the project's own fatal helper, in another package, ends
// the process: no receiver goes on without the sender.
func fatalHelperOnTimeout() int {
	results := make(chan int)
	go func() { results <- compute() }()
	select {
	case v := <-results:
		return v
	case <-time.After(time.Second):
		fatal.Exitf("timed out")
		return 0
	}
}
