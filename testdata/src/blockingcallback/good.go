package blockingcallback

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"

	"blockingcallback/dep"
)

type worker struct {
	in    chan int
	work  chan int // buffered: see newWorker
	done  chan int
	reqs  chan request
	quit  chan struct{}
	store *dep.Store
	timer *time.Timer
	reset chan time.Duration
	wg    sync.WaitGroup
	mu    sync.Mutex
	n     int
	apply func(int)
	tick  <-chan time.Time
}

func newWorker() *worker {
	return &worker{work: make(chan int, 64), done: make(chan int)}
}

// ok: the work runs in a goroutine that sends the result back to the loop.
func (w *worker) offload(ctx context.Context) {
	for {
		select {
		case v := <-w.in:
			go func() {
				time.Sleep(time.Millisecond)
				select {
				case w.done <- v * v:
				case <-ctx.Done():
				}
			}()
		case r := <-w.done:
			w.n += r
		case <-ctx.Done():
			return
		}
	}
}

// ok: a send on a buffered worker channel.
func (w *worker) bufferedHandOff(ctx context.Context) {
	for {
		select {
		case v := <-w.in:
			w.work <- v
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// ok: the send is guarded by the stop case.
func (w *worker) guardedSend(ctx context.Context) {
	for {
		select {
		case v := <-w.in:
			select {
			case w.done <- v:
			case <-ctx.Done():
				return
			}
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// ok: a send that drops when the worker is busy.
func (w *worker) sendOrDrop(ctx context.Context) (dropped int) {
	for {
		select {
		case v := <-w.in:
			select {
			case w.done <- v:
			default:
				dropped++
			}
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return dropped
		}
	}
}

// ok: the case drains more of the channel it was selected on.
func (w *worker) batchFromSameChannel(ctx context.Context) {
	for {
		select {
		case v := <-w.in:
			batch := []int{v}
			for len(batch) < cap(w.in) && len(w.in) > 0 {
				batch = append(batch, <-w.in)
			}
			w.n += len(batch)
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// ok: computing over a fixed-size value.
func (w *worker) fixedSize(ctx context.Context, blocks chan [64]byte) {
	for {
		select {
		case b := <-blocks:
			var sum byte
			for i := range b {
				sum ^= b[i]
			}
			for i := 0; i < 16; i++ {
				sum += byte(i)
			}
			w.n += int(sum)
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// ok: the stop case waits for the workers: that is the shutdown.
func (w *worker) waitOnStop() {
	for {
		select {
		case v := <-w.in:
			w.n += v
		case <-w.tick:
			w.n++
		case <-w.quit:
			w.wg.Wait()
			return
		}
	}
}

// ok: the reply channel belongs to the request; its sender waits on it.
func (w *worker) reply(ctx context.Context) {
	for {
		select {
		case req := <-w.reqs:
			req.reply <- len(req.key)
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// ok: draining a stopped timer's channel does not wait.
func (w *worker) resetTimer(ctx context.Context) {
	for {
		select {
		case d := <-w.reset:
			if !w.timer.Stop() {
				<-w.timer.C
			}
			w.timer.Reset(d)
		case <-w.timer.C:
			w.n++
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// ok: a mutex is held briefly; a call into another package that only
// locks does not wait.
func (w *worker) lockAndStore(ctx context.Context) {
	for {
		select {
		case v := <-w.in:
			w.mu.Lock()
			w.n += v
			w.mu.Unlock()
			w.store.Put("n", v)
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// ok: a function value is not followed.
func (w *worker) callsFunctionValue(ctx context.Context) {
	for {
		select {
		case v := <-w.in:
			w.apply(v)
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// ok: one case: no other event waits behind it.
func (w *worker) singleCase() {
	for {
		select {
		case <-w.in:
			time.Sleep(time.Millisecond)
		}
	}
}

// ok: no stop case: this is not a dispatch loop in the rule's sense.
func (w *worker) noStopCase(a, b chan int) {
	for {
		select {
		case <-a:
			time.Sleep(time.Millisecond)
		case <-b:
		}
	}
}

// ok: the loop yields.
func (w *worker) cpuLoopYields(ctx context.Context) {
	for {
		select {
		case n := <-w.in:
			for i := 0; i < n; i++ {
				w.n += i
				if i%1024 == 0 {
					runtime.Gosched()
				}
			}
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// ok: the call waits past blocking's depth bound.
func (w *worker) tooDeep(ctx context.Context) {
	for {
		select {
		case <-w.in:
			dep.Deep()
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// ok: a select with a default never blocks; this is spinloop's business.
func (w *worker) pollingLoop(ctx context.Context) {
	for {
		select {
		case <-w.in:
		case <-ctx.Done():
			return
		default:
			w.n++
		}
	}
}

type goodModel struct{ url string }

type fetched int

func (m goodModel) Init() tea.Cmd { return nil }
func (m goodModel) View() string  { return "" }

// ok: the slow work is in tea.Cmd closures and named commands, which the
// program runs in goroutines of their own.
func (m goodModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case tea.KeyMsg:
		return m, func() tea.Msg {
			resp, err := http.Get(m.url)
			if err != nil {
				return err
			}
			return fetched(resp.StatusCode)
		}
	case tea.WindowSizeMsg:
		return m, tea.Batch(slowCmd, tea.Tick(time.Second, func(time.Time) tea.Msg { return nil }))
	}
	return m, nil
}

func slowCmd() tea.Msg {
	time.Sleep(time.Second)
	return nil
}

// notTea has an Update method that is not Bubble Tea's.
type notTea struct{}

// ok: not a tea.Model's Update.
func (notTea) Update(n int) int {
	time.Sleep(time.Millisecond)
	return n
}

type goodController struct {
	informer cache.SharedInformer
	queue    workqueue.Interface
}

// ok: the handlers enqueue a key, or start a goroutine; the work is done
// by workers.
func (c *goodController) register() {
	c.informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {
			key, _ := cache.MetaNamespaceKeyFunc(obj)
			c.queue.Add(key)
		},
		UpdateFunc: func(oldObj, newObj interface{}) {
			go c.sync(newObj)
		},
	})
}

func (c *goodController) sync(obj interface{}) { time.Sleep(time.Millisecond) }

// lookalike has On* methods but does not implement ResourceEventHandler.
type lookalike struct{}

// ok: not an informer's handler.
func (lookalike) OnAdd(obj interface{}) { time.Sleep(time.Millisecond) }

// ok: a worker (one kind of event and a stop) does its work in the loop:
// that is its job. Reported with -blockingcallback.workers (see
// workers/workers.go).
func (w *worker) workerLoop(ctx context.Context) {
	for {
		select {
		case v := <-w.in:
			time.Sleep(time.Duration(v))
		case <-ctx.Done():
			return
		}
	}
}

// ok: a loop with a condition runs a hand-off protocol, not an event loop.
func (w *worker) handOff(b []int) (n int) {
	for once := true; once || len(b) > 0; once = false {
		select {
		case w.in <- len(b):
			nw := <-w.done
			b = b[nw:]
			n += nw
		case <-w.tick:
		case <-w.quit:
			return n
		}
	}
	return n
}

// ok: the wait is on the way out of the loop: nothing is served after it.
func (w *worker) waitOnTheWayOut(ctx context.Context) error {
	for {
		select {
		case v := <-w.in:
			if v < 0 {
				w.wg.Wait()
				return fmt.Errorf("bad value %d", v)
			}
			w.n += v
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// ok by default: a walk over the slice the event carries (reported with
// -blockingcallback.loops, see loops/loops.go).
func (w *worker) walkTheBatch(ctx context.Context, batches <-chan []int) {
	for {
		select {
		case b := <-batches:
			for _, v := range b {
				w.n += v
			}
			for i := 0; i < len(b); i++ {
				w.n -= b[i]
			}
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// ok: dep.Pause sleeps, but in a select with the context it is given,
// and the loop gives it its own: the stop interrupts it.
func (w *worker) pauseWithTheLoopsContext(ctx context.Context, in chan int) {
	for {
		select {
		case <-in:
			dep.Pause(ctx, time.Second)
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// ok by default: dep.Slow sleeps three calls deep, past the calls
// followed by default (reported with -blockingcallback.deep, see
// deep/deep.go).
func (w *worker) sleepThreeCallsDeep(ctx context.Context, in chan int) {
	for {
		select {
		case <-in:
			dep.Slow()
		case <-w.tick:
			w.n++
		case <-ctx.Done():
			return
		}
	}
}

// sub is made by newSub, which makes its channel in a local first.
type sub struct {
	outc chan int
	in   chan int
	tick <-chan time.Time
}

func newSub() *sub {
	outc := make(chan int, 1)
	return &sub{outc: outc, in: make(chan int)}
}

// ok: outc is buffered; the make reaches the field through a local.
func (s *sub) bufferedThroughALocal(ctx context.Context) {
	for {
		select {
		case v := <-s.in:
			s.outc <- v
		case <-s.tick:
		case <-ctx.Done():
			return
		}
	}
}

// ok by default: Publish's send is a channel operation in a callee, which
// in a dispatch loop is most often the loop's own handoff to a peer
// (reported with -blockingcallback.deep, see deep/deep.go).
func (s *server) crossPackageSend(ctx context.Context) {
	for {
		select {
		case v := <-s.in:
			s.bus.Publish(v)
		case r := <-s.results:
			s.record(r)
		case <-ctx.Done():
			return
		}
	}
}
