// Package workqueue is a stub of k8s.io/client-go/util/workqueue for
// fixtures: Add does not wait.
package workqueue

type Interface interface {
	Add(item interface{})
	Get() (item interface{}, shutdown bool)
	Done(item interface{})
	ShutDown()
}

func New() Interface { return nil }
