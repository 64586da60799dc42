package main

import (
	"bytes"
	"fmt"
	"mime"
	"net/mail"
	"strings"
	"time"

	"github.com/heft-dev/heft/internal/lazyre"
)

// patchMail is one mail of git format-patch output: a commit.
type patchMail struct {
	sha                     string // the commit, from the mail's "From <sha>" line
	subject, body           string
	authorName, authorEmail string
	date                    time.Time
}

// message returns the commit message the mail carries.
func (m patchMail) message() string {
	if m.body == "" {
		return m.subject
	}
	return m.subject + "\n\n" + m.body
}

// mboxFrom matches the line that starts each mail of git format-patch.
var mboxFrom = lazyre.New(`(?m)^From [0-9a-f]{7,64} Mon Sep 17 00:00:00 2001\r?\n`)

var patchPrefix = lazyre.New(`^\[[^\]]*PATCH[^\]]*\]\s*`)

// readMails splits git format-patch output into its mails. Input that is
// not format-patch output has none.
func readMails(raw []byte) ([]patchMail, error) {
	locs := mboxFrom.FindAllIndex(raw, -1)
	if len(locs) == 0 || locs[0][0] != 0 {
		return nil, nil
	}
	var mails []patchMail
	dec := mime.WordDecoder{}
	for i, loc := range locs {
		end := len(raw)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		msg, err := mail.ReadMessage(bytes.NewReader(raw[loc[1]:end]))
		if err != nil {
			return nil, fmt.Errorf("mail %d of the patch series: %w", i+1, err)
		}
		from := raw[loc[0]+len("From ") : loc[1]]
		m := patchMail{sha: string(from[:bytes.IndexByte(from, ' ')])}
		subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
		if err != nil {
			subject = msg.Header.Get("Subject")
		}
		m.subject = patchPrefix.ReplaceAllString(strings.TrimSpace(subject), "")
		if from, err := mail.ParseAddress(msg.Header.Get("From")); err == nil {
			m.authorName, m.authorEmail = from.Name, from.Address
		}
		m.date, _ = msg.Header.Date()
		var body bytes.Buffer
		if _, err := body.ReadFrom(msg.Body); err != nil {
			return nil, fmt.Errorf("mail %d of the patch series: %w", i+1, err)
		}
		// The message ends at the "---" line before the diffstat.
		text := strings.ReplaceAll(body.String(), "\r\n", "\n")
		if i := strings.Index(text, "\n---\n"); i >= 0 {
			text = text[:i]
		} else if strings.HasPrefix(text, "---\n") {
			text = ""
		}
		m.body = strings.TrimSpace(text)
		mails = append(mails, m)
	}
	return mails, nil
}
