package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdFakeGitHub starts a simulated GitHub REST API for the Action's
// scripts (action.txtar) and points GITHUB_API_URL at it. It logs every
// request to $WORK/api.log as "METHOD PATH BODY", with an "auth" mark when
// a token came, and answers:
//
//   - GET /users/LOGIN with $WORK/api/users/LOGIN.json, or 404 when there
//     is no such file; the login "limited" gets a primary rate limit (403,
//     X-RateLimit-Remaining: 0) and "busy" a secondary one (429,
//     Retry-After);
//   - GET …/comments with $WORK/api/comments.json, or [], and page N
//     (?page=N) with comments-N.json, naming the next page in a Link
//     header when its file exists; with the file comments-endless every
//     page is [] and names a next one; with comments-elsewhere the next
//     page is on another host;
//   - writes (comments, labels, state, lock) with GitHub's success codes,
//     or 403 "Resource not accessible by integration" when the file
//     $WORK/api/read-only exists, as a read-only token gets.
func cmdFakeGitHub(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: fakegithub")
	}
	work := ts.Getenv("WORK")
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var compact bytes.Buffer
		if json.Compact(&compact, body) != nil {
			compact.Write(body)
		}
		auth := ""
		if strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			auth = " auth"
		}
		mu.Lock()
		f, err := os.OpenFile(filepath.Join(work, "api.log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			fmt.Fprintf(f, "%s %s%s %s\n", r.Method, r.URL.RequestURI(), auth, compact.String())
			f.Close()
		}
		mu.Unlock()

		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("X-RateLimit-Limit", "5000")
		w.Header().Set("X-RateLimit-Remaining", "4999")
		reset := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
		w.Header().Set("X-RateLimit-Reset", reset)
		file := func(name string, missing int) {
			b, err := os.ReadFile(filepath.Join(work, "api", name))
			if err != nil {
				w.WriteHeader(missing)
				if missing == http.StatusNotFound {
					fmt.Fprint(w, `{"message":"Not Found","status":"404"}`)
				} else {
					fmt.Fprint(w, `[]`)
				}
				return
			}
			w.Write(b)
		}
		_, readOnly := os.Stat(filepath.Join(work, "api", "read-only"))
		write := func(code int, answer string) {
			if readOnly == nil {
				w.WriteHeader(http.StatusForbidden)
				fmt.Fprint(w, `{"message":"Resource not accessible by integration","status":"403"}`)
				return
			}
			w.WriteHeader(code)
			fmt.Fprint(w, answer)
		}
		p := r.URL.Path
		switch {
		case r.Method == "GET" && p == "/users/limited":
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"message":"API rate limit exceeded for installation ID 1."}`)
		case r.Method == "GET" && p == "/users/busy":
			w.Header().Set("Retry-After", "60")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"message":"You have exceeded a secondary rate limit."}`)
		case r.Method == "GET" && strings.HasPrefix(p, "/users/"):
			file("users/"+strings.TrimPrefix(p, "/users/")+".json", http.StatusNotFound)
		case r.Method == "GET" && strings.HasSuffix(p, "/comments"):
			commentsPage(w, r, filepath.Join(work, "api"), file)
		case r.Method == "POST" && strings.HasSuffix(p, "/comments"):
			write(http.StatusCreated, `{"id": 1}`)
		case r.Method == "PATCH" && strings.Contains(p, "/issues/comments/"):
			write(http.StatusOK, `{"id": 1}`)
		case r.Method == "POST" && strings.HasSuffix(p, "/labels"):
			write(http.StatusOK, `[]`)
		case r.Method == "DELETE" && strings.Contains(p, "/labels/"):
			write(http.StatusOK, `[]`)
		case r.Method == "PATCH" && strings.Contains(p, "/pulls/"):
			write(http.StatusOK, `{"state": "closed"}`)
		case r.Method == "PUT" && strings.HasSuffix(p, "/lock"):
			write(http.StatusNoContent, ``)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"message":"Not Found"}`)
		}
	}))
	ts.Defer(srv.Close)
	ts.Setenv("GITHUB_API_URL", srv.URL)
}

// commentsPage answers one page of a pull request's comments, as GitHub
// paginates them (see cmdFakeGitHub).
func commentsPage(w http.ResponseWriter, r *http.Request, api string, file func(string, int)) {
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	name := "comments.json"
	if page > 1 {
		name = fmt.Sprintf("comments-%d.json", page)
	}
	next := fmt.Sprintf("http://%s%s?per_page=100&page=%d", r.Host, r.URL.Path, page+1)
	exists := func(f string) bool { _, err := os.Stat(filepath.Join(api, f)); return err == nil }
	switch {
	case exists("comments-endless"):
		w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="next", <http://%s%s?per_page=100&page=9999>; rel="last"`, next, r.Host, r.URL.Path))
		fmt.Fprint(w, `[]`)
		return
	case exists("comments-elsewhere"):
		w.Header().Set("Link", `<https://elsewhere.example/repos/acme/app/issues/12/comments?page=2>; rel="next"`)
	case exists(fmt.Sprintf("comments-%d.json", page+1)):
		w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="next"`, next))
	}
	file(name, http.StatusOK)
}
