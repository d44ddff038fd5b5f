package facts

import (
	"context"

	"facts/lib"
)

var sink chan<- int

func sendOnce(out chan<- int) { out <- 1 } // want sendOnce:"out\\(send=1\\)"

// One send on either branch is one send per call.
func sendOnEitherBranch(out chan<- error, err error) { // want sendOnEitherBranch:"out\\(send=1\\)"
	if err != nil {
		out <- err
		return
	}
	out <- nil
}

func sendTwice(out chan<- int) { // want sendTwice:"out\\(send=2\\)"
	out <- 1
	out <- 2
}

func sendInLoop(out chan<- int, n int) { // want sendInLoop:"out\\(send=many\\)"
	for i := range n {
		out <- i
	}
}

func guarded(ctx context.Context, out chan<- int) { // want guarded:"out\\(guarded\\)"
	select {
	case out <- 1:
	case <-ctx.Done():
	}
}

func closesWithDefer(out chan<- int) { // want closesWithDefer:"out\\(send=1 close\\)"
	defer close(out)
	out <- 1
}

func closesUnlessError(out chan<- int, err error) { // want closesUnlessError:"out\\(send=1 maycloses\\)"
	if err != nil {
		return
	}
	out <- 1
	close(out)
}

func stores(out chan<- int) { sink = out } // want stores:"out\\(escapes\\)"

// Forwarding through local and imported functions keeps the summary.
func forwards(out chan<- int) { sendOnce(out); lib.Send(out) } // want forwards:"out\\(send=2\\)"

func receives(in chan int) { lib.Drain(in) } // want receives:"in\\(recv\\)"

// A goroutine started inside counts as what the function does.
func startsSender(out chan<- int) { // want startsSender:"out\\(send=1 close\\)"
	go func() {
		defer close(out)
		out <- 1
	}()
}

func forever(out chan<- int) { // want forever:"out\\(send=many\\) noreturn"
	for {
		out <- 1
	}
}

func unknown(out chan<- int, f func(chan<- int)) { f(out) } // want unknown:"out\\(escapes\\)"

func twoChannels(a chan<- int, b <-chan int) { a <- <-b } // want twoChannels:"a\\(send=1\\) b\\(recv\\)"
