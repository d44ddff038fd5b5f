// Package corpus pins the real modules asynclint is evaluated on. It is
// its own module, so the main module's ./... does not include it;
// eval/census and eval/bench analyze every package (tests included) of the
// modules imported here, at the versions go.mod fixes.
//
// go.mod was made with go get -t on each module's packages so that their
// tests' dependencies are listed too; go mod tidy would drop those, and
// go vet could then no longer load the tests. A module is added with
//
//	go get MODULE@VERSION
//	go get -t MODULE/...@VERSION
//
// (or, where MODULE/... also names a parent module that the proxy does not
// serve at VERSION, go get -t on MODULE's packages listed one by one), and
// then this file imports one of its packages so that go.mod lists it as a
// direct requirement: eval/internal/corpus analyzes exactly the direct
// requirements. Check afterwards that no other module's version moved.
// Packages that cannot type-check here are listed, with the reason, in
// eval/internal/corpus (Excluded).
package corpus

import (
	// The first twelve, on which the family-1 rules were tuned.
	_ "github.com/hashicorp/memberlist"
	_ "github.com/hashicorp/raft"
	_ "github.com/nats-io/nats-server/v2/server"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "go.etcd.io/etcd/client/v3"
	_ "google.golang.org/grpc"

	_ "github.com/IBM/sarama"
	_ "github.com/dgraph-io/badger/v4"
	_ "github.com/hashicorp/yamux"
	_ "github.com/nats-io/nats.go"
	_ "github.com/redis/go-redis/v9"
	_ "github.com/segmentio/kafka-go"

	// Added for issue 9: code the rules were not tuned on.
	// Kubernetes client libraries, controllers and CLI.
	_ "k8s.io/apimachinery/pkg/util/wait"
	_ "k8s.io/apiserver/pkg/server"
	_ "k8s.io/client-go/kubernetes"
	_ "k8s.io/kubectl/pkg/cmd/util"
	_ "sigs.k8s.io/controller-runtime"

	// Databases and storage engines.
	_ "github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5"
	_ "go.etcd.io/bbolt"
	_ "go.etcd.io/etcd/server/v3/embed"
	_ "go.mongodb.org/mongo-driver/v2/mongo"

	// P2p and networking stacks.
	_ "github.com/coredns/coredns/core/dnsserver"
	_ "github.com/ethereum/go-ethereum/p2p"
	_ "github.com/libp2p/go-libp2p"
	_ "github.com/miekg/dns"
	_ "github.com/quic-go/quic-go"

	// CLIs and terminal apps (package main code), and an event loop.
	_ "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/gum/choose"
	_ "github.com/nats-io/natscli/cli"
	_ "go.etcd.io/etcd/etcdctl/v3/ctlv3"
	_ "helm.sh/helm/v3/pkg/action"

	// Web frameworks.
	_ "github.com/gin-gonic/gin"
	_ "github.com/go-chi/chi/v5"
	_ "github.com/gofiber/fiber/v2"
	_ "github.com/labstack/echo/v4"

	// Message brokers and workflow engines.
	_ "github.com/eclipse/paho.mqtt.golang"
	_ "github.com/nsqio/go-nsq"
	_ "github.com/rabbitmq/amqp091-go"
	_ "go.temporal.io/sdk/client"

	// Observability agents and servers, policy engines, container runtimes.
	_ "github.com/containerd/containerd/v2/client"
	_ "github.com/open-policy-agent/opa/v1/rego"
	_ "github.com/prometheus/alertmanager/dispatch"
	_ "github.com/prometheus/prometheus/scrape"
	_ "go.opentelemetry.io/otel/sdk/trace"

	// Cloud SDKs.
	_ "cloud.google.com/go/storage"
	_ "github.com/Azure/azure-sdk-for-go/sdk/azcore"
	_ "github.com/aws/aws-sdk-go-v2/aws"
	_ "github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	_ "github.com/minio/minio-go/v7"
)
