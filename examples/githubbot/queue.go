package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// PRKey names one pull request.
type PRKey struct {
	Owner, Repo string
	Number      int
}

func (k PRKey) String() string { return fmt.Sprintf("%s/%s#%d", k.Owner, k.Repo, k.Number) }

// Job is the work waiting for one pull request: look at it again, and
// record the ledger events the webhooks announced.
type Job struct {
	Key          PRKey
	Installation int64         // the GitHub App installation to act as
	Ledger       []LedgerEvent // opened, merged or closed, by ID
	Attempt      int           // retries after a rate limit
}

// merge folds a later job for the same pull request into j.
func (j *Job) merge(o *Job) {
	if o.Installation != 0 {
		j.Installation = o.Installation
	}
	for _, e := range o.Ledger {
		if !slices.ContainsFunc(j.Ledger, func(x LedgerEvent) bool { return x.ID == e.ID }) {
			j.Ledger = append(j.Ledger, e)
		}
	}
}

// ErrQueueFull is returned by Queue.Add when Max pull requests are
// already waiting.
var ErrQueueFull = errors.New("githubbot: queue full")

// Queue holds work per pull request, bounded, off the request path.
// Events for a pull request that is already waiting are coalesced into
// its job; a pull request is worked on by one worker at a time, and
// events that arrive meanwhile wait for it to finish. So a burst of
// events on one pull request costs one or two passes, never two at once,
// and the sticky comment is never created twice.
type Queue struct {
	max int

	mu      sync.Mutex
	cond    *sync.Cond
	ready   []PRKey
	jobs    map[PRKey]*Job
	running map[PRKey]bool
	closed  bool
}

// NewQueue returns a queue that holds at most max pull requests.
func NewQueue(max int) *Queue {
	q := &Queue{max: max, jobs: map[PRKey]*Job{}, running: map[PRKey]bool{}}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// Add queues j, or coalesces it into the job already waiting for the same
// pull request.
func (q *Queue) Add(j *Job) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return errors.New("githubbot: queue closed")
	}
	if w := q.jobs[j.Key]; w != nil {
		w.merge(j)
		return nil
	}
	if len(q.jobs) >= q.max {
		return ErrQueueFull
	}
	cp := *j
	cp.Ledger = slices.Clone(j.Ledger)
	q.jobs[j.Key] = &cp
	if !q.running[j.Key] {
		q.ready = append(q.ready, j.Key)
		q.cond.Signal()
	}
	return nil
}

// Len returns how many pull requests are waiting.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.jobs)
}

// next blocks until a job is ready or the queue is closed and drained.
func (q *Queue) next() (*Job, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.ready) == 0 && !q.closed {
		q.cond.Wait()
	}
	if len(q.ready) == 0 {
		return nil, false
	}
	k := q.ready[0]
	q.ready = q.ready[1:]
	j := q.jobs[k]
	delete(q.jobs, k)
	q.running[k] = true
	return j, true
}

func (q *Queue) done(k PRKey) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.running, k)
	if q.jobs[k] != nil {
		q.ready = append(q.ready, k)
		q.cond.Signal()
	}
}

// Close stops accepting work; Run returns once the waiting jobs are done.
func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}

// Run works off the queue with n workers until it is closed and drained.
func (q *Queue) Run(ctx context.Context, n int, work func(context.Context, *Job)) {
	var wg sync.WaitGroup
	for range max(n, 1) {
		wg.Go(func() {
			for {
				j, ok := q.next()
				if !ok {
					return
				}
				work(ctx, j)
				q.done(j.Key)
			}
		})
	}
	wg.Wait()
}
