package blockingcallback

import (
	"net/http"
	"sync"
	"time"

	"k8s.io/client-go/tools/cache"
)

type controller struct {
	informer cache.SharedInformer
	events   chan interface{}
	wg       sync.WaitGroup
}

func (c *controller) register() {
	c.informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {
			time.Sleep(time.Second) // want `time.Sleep blocks an informer's event handler`
		},
		UpdateFunc: func(oldObj, newObj interface{}) {
			http.Post("http://hook", "text/plain", nil) // want `http.Post waits on the network or another process and blocks an informer's event handler`
		},
		DeleteFunc: c.onDelete,
	})
	c.informer.AddEventHandler(cache.ResourceEventHandlerDetailedFuncs{
		AddFunc: func(obj interface{}, isInInitialList bool) {
			c.events <- obj // want `send on c.events blocks an informer's event handler`
		},
	})
	c.informer.AddEventHandler(&handler{c: c})
}

func (c *controller) onDelete(obj interface{}) {
	c.wg.Wait() // want `c.wg.Wait blocks an informer's event handler`
}

// handler implements cache.ResourceEventHandler with methods.
type handler struct{ c *controller }

func (h *handler) OnAdd(obj interface{}, isInInitialList bool) {
	h.c.events <- obj // want `send on h.c.events blocks an informer's event handler`
}

func (h *handler) OnUpdate(oldObj, newObj interface{}) {
	time.Sleep(time.Millisecond) // want `time.Sleep blocks an informer's event handler`
}

func (h *handler) OnDelete(obj interface{}) {}
