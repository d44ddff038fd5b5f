package uncancellable

import (
	"context"
	"sync"
)

// pool is mongo-driver's connection pool (x/mongo/driver/topology): a
// background goroutine waits on a Cond whose loop condition checks
// ctx.Err(), and the only canceller of that ctx broadcasts the Cond in
// the same breath.
type pool struct {
	cond    *sync.Cond
	cancel  context.CancelFunc
	pending int
}

func newPool() *pool {
	p := &pool{cond: sync.NewCond(&sync.Mutex{})}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	go p.create(ctx)
	return p
}

// ok: close cancels the ctx and broadcasts the Cond together, so the
// wait wakes on cancellation and sees ctx.Err().
func (p *pool) create(ctx context.Context) {
	for ctx.Err() == nil {
		p.cond.L.Lock()
		for p.pending == 0 && ctx.Err() == nil {
			p.cond.Wait()
		}
		p.cond.L.Unlock()
	}
}

func (p *pool) close() {
	p.cond.L.Lock()
	p.cancel()
	p.cond.Broadcast()
	p.cond.L.Unlock()
}

// ok: the fix the rule suggests: context.AfterFunc wakes the waiters
// when ctx ends.
func waitAfterFunc(ctx context.Context, mu *sync.Mutex, ready func() bool) error {
	cond := sync.NewCond(mu)
	stop := context.AfterFunc(ctx, cond.Broadcast)
	defer stop()
	mu.Lock()
	defer mu.Unlock()
	for !ready() && ctx.Err() == nil {
		cond.Wait()
	}
	return ctx.Err()
}

// ok: the same with a literal that broadcasts under the lock.
func waitAfterFuncLit(ctx context.Context, mu *sync.Mutex, ready func() bool) error {
	cond := sync.NewCond(mu)
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		cond.Broadcast()
	})
	defer stop()
	mu.Lock()
	defer mu.Unlock()
	for !ready() && ctx.Err() == nil {
		cond.Wait()
	}
	return ctx.Err()
}

// A Cond broadcast only when work arrives, never on cancellation: the
// waiter stays asleep after its ctx is cancelled.
type inbox struct {
	cond  *sync.Cond
	items []int
}

func (b *inbox) put(v int) {
	b.cond.L.Lock()
	b.items = append(b.items, v)
	b.cond.Broadcast()
	b.cond.L.Unlock()
}

func (b *inbox) take(ctx context.Context) (int, error) {
	b.cond.L.Lock()
	defer b.cond.L.Unlock()
	for len(b.items) == 0 {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		b.cond.Wait() // want `b.cond.Wait\(\) cannot be interrupted by ctx's cancellation`
	}
	v := b.items[0]
	b.items = b.items[1:]
	return v, nil
}
