// SPDX-License-Identifier: Apache-2.0
// Temporary outputs removed when the run is interrupted (SIGINT, SIGTERM, SIGHUP).
//
// An OutputFile writes to `.NAME.cadre-PID-N.tmp` beside its target; a run killed before
// the rename would leave that file behind in the user's folder. Each temporary in progress
// is listed here, and a signal handler unlinks them all, then re-raises the signal with its
// default action, so the run still ends "killed by signal" for the shell or the CI runner.
// The handler runs in a signal context: the list is a fixed array of fixed-size buffers, and
// the handler calls nothing but unlink(), sigaction() and raise() (async-signal-safe).
#pragma once

#include <signal.h>

namespace cadre::io {

/// Lists `path` for removal on SIGINT/SIGTERM/SIGHUP (installing the handler on first use);
/// returns its slot, or -1 when the list is full or the path too long (then the temporary
/// is only removed by the run itself).
int remove_on_interrupt(const char* path);
/// Takes the slot out of the list (its file was renamed or removed); -1 does nothing.
void keep_on_interrupt(int slot);

/// While alive, SIGINT, SIGTERM and SIGHUP wait (in this thread) until it ends: a switch of
/// several files (moved aside, then replaced) is never cut halfway, where a previous file
/// would be only under its hidden `.old` name and the folder half new, half old.
class SignalsHeld {
 public:
  SignalsHeld();
  ~SignalsHeld();
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;

 private:
  sigset_t previous_;
};

}  // namespace cadre::io
