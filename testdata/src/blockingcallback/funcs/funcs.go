// Package funcs is run with
// -blockingcallback.funcs=(*blockingcallback/funcs/bus.Bus).Subscribe,blockingcallback/funcs/bus.On
package funcs

import (
	"time"

	"blockingcallback/funcs/bus"
)

var ch = make(chan int)

func subscribe(b *bus.Bus) {
	b.Subscribe("tick", func(e bus.Event) {
		time.Sleep(time.Millisecond) // want `time.Sleep blocks a callback of \(\*blockingcallback/funcs/bus.Bus\).Subscribe`
	})
	bus.On("value", func() {
		<-ch // want `receive from ch blocks a callback of blockingcallback/funcs/bus.On`
	})
	bus.On("named", handleNamed)

	// ok: bus.Go is not listed as a serial dispatcher.
	bus.Go(func() { time.Sleep(time.Millisecond) })

	// ok: the callback hands the work to a goroutine.
	b.Subscribe("offload", func(e bus.Event) {
		go func() { time.Sleep(time.Millisecond) }()
	})
}

func handleNamed() {
	time.Sleep(time.Millisecond) // want `time.Sleep blocks a callback of blockingcallback/funcs/bus.On`
}
