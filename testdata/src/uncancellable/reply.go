package uncancellable

import (
	"context"
	"sync"
	"time"
)

// object is minio-go's GetObject shape: a goroutine serves requests
// from reqCh and answers each on resCh; both channels are made together
// and handed to one requester, which waits for the reply to every
// request it sends and stops the server by closing reqCh.
type object struct {
	reqCh chan<- int
	resCh <-chan int
}

// ok: each send answers a request that was just received; the requester
// waits on it.
func openObject(ctx context.Context, fetch func(context.Context, int) int) *object {
	reqCh := make(chan int)
	resCh := make(chan int)
	go func() {
		defer close(resCh)
		for req := range reqCh {
			if ctx.Err() != nil {
				resCh <- -1
				continue
			}
			resCh <- fetch(ctx, req)
		}
	}()
	return &object{reqCh: reqCh, resCh: resCh}
}

func (o *object) get(ctx context.Context, n int) (int, error) {
	select {
	case o.reqCh <- n:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	return <-o.resCh, nil
}

// A stream that came from elsewhere is ranged over: the sends are a
// producer's, not replies, and the reader can leave.
func relay(ctx context.Context, events <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for ev := range events {
			if ctx.Err() != nil {
				return
			}
			out <- ev // want `send on out cannot be interrupted by ctx's cancellation`
		}
	}()
	return out
}

// watchCache is k8s.io/apiserver's shape: a timer goroutine broadcasts
// the Cond when the block timeout expires, so the wait ends by itself,
// like a sleep (reported with -uncancellable.sleep).
type watchCache struct {
	cond    *sync.Cond
	version int
}

// ok: by default; a timer wakes the waiters after at most timeout.
func (w *watchCache) waitUntilFresh(ctx context.Context, version int, timeout time.Duration) error {
	start := time.Now()
	go func() {
		<-time.After(timeout)
		w.cond.Broadcast()
	}()
	for w.version < version {
		if time.Since(start) >= timeout {
			return ctx.Err()
		}
		w.cond.Wait()
	}
	return nil
}

// A Cond that a timer wakes is not the one waited on here: this wait
// still ends only when new work arrives.
type twoConds struct {
	ticked, work *sync.Cond
	pending      int
}

func (t *twoConds) tick() {
	<-time.After(time.Second)
	t.ticked.Broadcast()
}

func (t *twoConds) wait(ctx context.Context) error {
	for t.pending == 0 && ctx.Err() == nil {
		t.work.Wait() // want `t.work.Wait\(\) cannot be interrupted by ctx's cancellation`
	}
	return ctx.Err()
}

// afterFuncCache's Cond is woken by time.AfterFunc only.
type afterFuncCache struct {
	cond    *sync.Cond
	version int
}

// ok: by default; time.AfterFunc wakes the waiters once the timeout
// has passed.
func (w *afterFuncCache) waitAfterFunc(ctx context.Context, version int, timeout time.Duration) error {
	t := time.AfterFunc(timeout, w.cond.Broadcast)
	defer t.Stop()
	for w.version < version && ctx.Err() == nil {
		w.cond.Wait()
	}
	return ctx.Err()
}
