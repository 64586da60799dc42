package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// apiGitHub is an in-memory GitHub REST API for one repository,
// Codertocat/Hello-World (the repository of the octokit payloads), served
// by httptest. It implements the endpoints the bot calls, with GitHub's
// paths, media types and JSON shapes, and records every write.
type apiGitHub struct {
	t *testing.T

	mu       sync.Mutex
	prs      map[int]*apiPR
	files    map[string]string // default branch contents
	comments []*apiComment
	nextID   int64
	writes   []string
	delay    time.Duration // slows comment reads and writes, to widen race windows
	limited  int           // answer this many requests with a rate limit error

	// Accounts: users by login (a login not here is a 404), their public
	// events, and search totals by query.
	users    map[string]map[string]any
	events   map[string][]map[string]any
	searches map[string]int
	linked   []map[string]any // closingIssuesReferences nodes of every pull request
	// Account lookups rate-limited: usersLimited answers GET /users/…
	// with a primary limit (403, X-RateLimit-Remaining: 0);
	// searchLimited answers searches with a secondary limit (429,
	// Retry-After); usersLow answers users with only 10 of 5,000 left.
	// searchPrimary answers searches with a primary limit of the search
	// resource (403, X-RateLimit-Remaining: 0).
	usersLimited, searchLimited, searchPrimary int
	usersLow                                   bool
	reads                                      []string      // every request outside the repository, "GET /users/x"
	commentsForbidden                          bool          // refuse comment writes, as a token without issues: write
	usersDelay                                 time.Duration // slows GET /users/…, to overlap lookups
}

type apiPR struct {
	Number       int
	State        string
	Merged       bool
	Title, Body  string
	Author       string
	Association  string
	Labels       []string
	Diff         string
	DiffTooLarge bool
	Files        []map[string]any
	Commits      []map[string]any
	Timeline     []map[string]any
	Draft        bool
	Milestone    string
	Locked       bool
	Reactions    map[string]any
}

type apiComment struct {
	ID       int64
	Issue    int
	Body     string
	Login    string
	UserType string
}

func newAPIGitHub(t *testing.T) *apiGitHub {
	return &apiGitHub{t: t, prs: map[int]*apiPR{}, files: map[string]string{}, nextID: 1000,
		users: map[string]map[string]any{}, events: map[string][]map[string]any{}, searches: map[string]int{}}
}

// readCount returns how many requests outside the repository started
// with what.
func (g *apiGitHub) readCount(what string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, r := range g.reads {
		if strings.HasPrefix(r, what) {
			n++
		}
	}
	return n
}

// writesList returns the writes in order.
func (g *apiGitHub) writesList() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.writes)
}

// serveOutside answers the account lookups and GraphQL; it reports
// whether the path was one of them.
func (g *apiGitHub) serveOutside(w http.ResponseWriter, r *http.Request) bool {
	path := r.URL.Path
	switch {
	case path == "/api/graphql", strings.HasPrefix(path, "/api/v3/users/"), path == "/api/v3/search/issues":
	default:
		return false
	}
	g.reads = append(g.reads, r.Method+" "+strings.TrimPrefix(path, "/api/v3")+"?"+r.URL.Query().Get("q"))
	reset := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
	switch {
	case path == "/api/graphql":
		var req struct {
			Query     string
			Variables map[string]any
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || !strings.Contains(req.Query, "closingIssuesReferences") {
			g.t.Errorf("graphql: %v %q", err, req.Query)
		}
		g.json(w, map[string]any{"data": map[string]any{"repository": map[string]any{"pullRequest": map[string]any{
			"closingIssuesReferences": map[string]any{"nodes": g.linked}}}}})
	case path == "/api/v3/search/issues":
		if g.searchPrimary > 0 {
			g.searchPrimary--
			w.Header().Set("X-RateLimit-Limit", "30")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", reset)
			w.Header().Set("X-RateLimit-Resource", "search")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"message":"API rate limit exceeded for installation ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}`)
			return true
		}
		if g.searchLimited > 0 {
			g.searchLimited--
			w.Header().Set("Retry-After", "60")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`)
			return true
		}
		w.Header().Set("X-RateLimit-Limit", "30")
		w.Header().Set("X-RateLimit-Remaining", "25")
		w.Header().Set("X-RateLimit-Reset", reset)
		w.Header().Set("X-RateLimit-Resource", "search")
		g.json(w, map[string]any{"total_count": g.searches[r.URL.Query().Get("q")], "incomplete_results": false, "items": []any{}})
	default:
		if g.usersLimited > 0 {
			g.usersLimited--
			w.Header().Set("X-RateLimit-Limit", "5000")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", reset)
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"message":"API rate limit exceeded for installation ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}`)
			return true
		}
		remaining := "4000"
		if g.usersLow {
			remaining = "10"
		}
		w.Header().Set("X-RateLimit-Limit", "5000")
		w.Header().Set("X-RateLimit-Remaining", remaining)
		w.Header().Set("X-RateLimit-Reset", reset)
		if g.usersDelay > 0 {
			g.mu.Unlock()
			time.Sleep(g.usersDelay)
			g.mu.Lock()
		}
		login, rest, _ := strings.Cut(strings.TrimPrefix(path, "/api/v3/users/"), "/")
		var u map[string]any
		for l, v := range g.users {
			if strings.EqualFold(l, login) { // logins are not case-sensitive
				u, login = v, l
			}
		}
		if u == nil {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"message":"Not Found","documentation_url":"https://docs.github.com/rest/users/users#get-a-user","status":"404"}`)
			return true
		}
		switch rest {
		case "":
			g.json(w, u)
		case "events/public":
			g.json(w, g.events[login])
		default:
			g.t.Errorf("unexpected request %s %s", r.Method, path)
		}
	}
	return true
}

func (g *apiGitHub) writeCount() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.writes)
}

// count returns how many writes started with what.
func (g *apiGitHub) count(what string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, w := range g.writes {
		if strings.HasPrefix(w, what) {
			n++
		}
	}
	return n
}

// heftComments returns the comments carrying the marker written by a bot.
func (g *apiGitHub) heftComments(issue int) []*apiComment {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []*apiComment
	for _, c := range g.comments {
		if c.Issue == issue && c.UserType == "Bot" && strings.HasPrefix(c.Body, "<!-- heft -->") {
			cp := *c
			out = append(out, &cp)
		}
	}
	return out
}

func (g *apiGitHub) labels(n int) []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.prs[n].Labels)
}

func (g *apiGitHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const prefix = "/api/v3/repos/Codertocat/Hello-World/"
	// A client for api.github.com (dotcom) asks without GitHub Enterprise
	// Server's prefixes.
	if !strings.HasPrefix(r.URL.Path, "/api/") {
		if r.URL.Path == "/graphql" {
			r.URL.Path = "/api/graphql"
		} else {
			r.URL.Path = "/api/v3" + r.URL.Path
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if !strings.HasPrefix(r.URL.Path, prefix) {
		if !g.serveOutside(w, r) {
			g.t.Errorf("request outside the repository: %s %s", r.Method, r.URL.Path)
			http.NotFound(w, r)
		}
		return
	}
	if g.limited > 0 {
		g.limited--
		w.Header().Set("X-RateLimit-Limit", "5000")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"message":"API rate limit exceeded for installation ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}`)
		return
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, prefix), "/")
	route := r.Method + " " + parts[0]
	num := func(i int) int {
		if i >= len(parts) {
			return -1
		}
		n, _ := strconv.Atoi(parts[i])
		return n
	}
	pr := g.prs[num(1)]
	write := func(what string) {
		g.writes = append(g.writes, what)
		if g.delay > 0 {
			g.mu.Unlock()
			time.Sleep(g.delay)
			g.mu.Lock()
		}
	}
	notFound := func() {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}`)
	}

	switch {
	case route == "GET contents":
		content, ok := g.files[strings.Join(parts[1:], "/")]
		if !ok {
			notFound()
			return
		}
		if ref := r.URL.Query().Get("ref"); ref != "master" {
			g.t.Errorf("contents read from ref %q, want the default branch", ref)
		}
		g.json(w, map[string]any{"type": "file", "encoding": "base64", "size": len(content),
			"name": parts[len(parts)-1], "path": strings.Join(parts[1:], "/"),
			"content": base64.StdEncoding.EncodeToString([]byte(content))})
	case pr == nil && (parts[0] == "pulls" || (parts[0] == "issues" && parts[1] != "comments")):
		notFound()
	case route == "GET pulls" && len(parts) == 2:
		if strings.Contains(r.Header.Get("Accept"), "diff") {
			if pr.DiffTooLarge {
				w.WriteHeader(http.StatusNotAcceptable)
				fmt.Fprint(w, `{"message":"Sorry, the diff exceeded the maximum number of lines (20000)","errors":[{"resource":"PullRequest","field":"diff","code":"too_large"}]}`)
				return
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprint(w, pr.Diff)
			return
		}
		var labels []map[string]any
		for _, l := range pr.Labels {
			labels = append(labels, map[string]any{"name": l})
		}
		var milestone any
		if pr.Milestone != "" {
			milestone = map[string]any{"title": pr.Milestone, "number": 1}
		}
		g.json(w, map[string]any{
			"number": pr.Number, "state": pr.State, "merged": pr.Merged, "title": pr.Title, "body": pr.Body,
			"user":               map[string]any{"login": pr.Author, "type": "User"},
			"author_association": pr.Association, "labels": labels,
			"created_at": "2019-05-15T15:20:33Z",
			"base": map[string]any{"ref": "master", "repo": map[string]any{
				"full_name": "Codertocat/Hello-World", "default_branch": "master"}},
			"head": map[string]any{"ref": "changes", "sha": "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
				"repo": map[string]any{"full_name": pr.Author + "/Hello-World"}},
			"draft": pr.Draft, "maintainer_can_modify": true, "milestone": milestone, "locked": pr.Locked,
		})
	case route == "GET issues" && len(parts) == 2:
		reactions := pr.Reactions
		if reactions == nil {
			reactions = map[string]any{"total_count": 0, "+1": 0, "-1": 0, "laugh": 0, "confused": 0, "heart": 0, "hooray": 0, "rocket": 0, "eyes": 0}
		}
		g.json(w, map[string]any{"number": pr.Number, "title": pr.Title, "reactions": reactions,
			"pull_request": map[string]any{"url": "https://api.github.com/repos/Codertocat/Hello-World/pulls/2"}})
	case route == "PATCH pulls" && len(parts) == 2:
		var req struct{ State string }
		_ = json.NewDecoder(r.Body).Decode(&req)
		write("edit pull request state=" + req.State)
		pr.State = req.State
		g.json(w, map[string]any{"number": pr.Number, "state": pr.State})
	case route == "PUT issues" && len(parts) == 3 && parts[2] == "lock":
		var req struct {
			LockReason string `json:"lock_reason"`
		}
		_ = json.NewDecoder(r.Body).Decode(&req)
		write("lock " + req.LockReason)
		pr.Locked = true
		w.WriteHeader(http.StatusNoContent)
	case route == "GET pulls" && parts[2] == "commits":
		g.json(w, pr.Commits)
	case route == "GET pulls" && parts[2] == "files":
		g.json(w, pr.Files)
	case route == "GET issues" && parts[2] == "timeline":
		g.json(w, pr.Timeline)
	case route == "GET issues" && parts[2] == "comments":
		if g.delay > 0 {
			g.mu.Unlock()
			time.Sleep(g.delay)
			g.mu.Lock()
		}
		var out []map[string]any
		for _, c := range g.comments {
			if c.Issue == pr.Number {
				out = append(out, map[string]any{"id": c.ID, "body": c.Body,
					"user": map[string]any{"login": c.Login, "type": c.UserType}})
			}
		}
		g.json(w, out)
	case route == "POST issues" && parts[2] == "comments" && g.commentsForbidden:
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"message":"Resource not accessible by integration"}`)
	case route == "POST issues" && parts[2] == "comments":
		var req struct{ Body string }
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			g.t.Errorf("create comment: %v", err)
		}
		write("create comment")
		g.nextID++
		c := &apiComment{ID: g.nextID, Issue: pr.Number, Body: req.Body, Login: "heft-app[bot]", UserType: "Bot"}
		g.comments = append(g.comments, c)
		w.WriteHeader(http.StatusCreated)
		g.json(w, map[string]any{"id": c.ID, "body": c.Body, "user": map[string]any{"login": c.Login, "type": "Bot"}})
	case route == "PATCH issues" && parts[1] == "comments":
		id, _ := strconv.ParseInt(parts[2], 10, 64)
		var req struct{ Body string }
		_ = json.NewDecoder(r.Body).Decode(&req)
		write(fmt.Sprintf("update comment %d", id))
		for _, c := range g.comments {
			if c.ID == id {
				c.Body = req.Body
				g.json(w, map[string]any{"id": c.ID, "body": c.Body})
				return
			}
		}
		notFound()
	case route == "DELETE issues" && parts[1] == "comments":
		id, _ := strconv.ParseInt(parts[2], 10, 64)
		write(fmt.Sprintf("delete comment %d", id))
		g.comments = slices.DeleteFunc(g.comments, func(c *apiComment) bool { return c.ID == id })
		w.WriteHeader(http.StatusNoContent)
	case route == "POST issues" && parts[2] == "labels":
		var add []string
		if err := json.NewDecoder(r.Body).Decode(&add); err != nil {
			g.t.Errorf("add labels: %v", err)
		}
		write("add labels " + strings.Join(add, ","))
		for _, l := range add {
			if !slices.Contains(pr.Labels, l) {
				pr.Labels = append(pr.Labels, l)
			}
		}
		g.json(w, []any{})
	case route == "DELETE issues" && parts[2] == "labels":
		name := strings.Join(parts[3:], "/")
		write("remove label " + name)
		if !slices.Contains(pr.Labels, name) {
			notFound()
			return
		}
		pr.Labels = slices.DeleteFunc(pr.Labels, func(l string) bool { return l == name })
		g.json(w, []any{})
	default:
		g.t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
		notFound()
	}
}

func (g *apiGitHub) json(w http.ResponseWriter, v any) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	if err := json.NewEncoder(w).Encode(v); err != nil {
		g.t.Errorf("encoding response: %v", err)
	}
}
