// SPDX-License-Identifier: Apache-2.0
#include "engine/io/interrupt_cleanup.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <mutex>

namespace cadre::io {

namespace {

// 128 outputs at once covers `rules doc` and `audit --out` folders; a temporary past that
// is still removed by the run, only not on a signal.
constexpr int kSlots = 128;
constexpr std::size_t kPathBytes = 4096;  // PATH_MAX on Linux

enum SlotState : int { kFree = 0, kFilling = 1, kListed = 2 };

struct Slot {
  std::atomic<int> state{kFree};
  char path[kPathBytes];
};

Slot slots[kSlots];
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_temporaries_and_die(int signal_number) {
  for (auto& slot : slots)
    if (slot.state.load(std::memory_order_acquire) == kListed) ::unlink(slot.path);
  // The default action now: the process ends killed by this signal, as it would have.
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  ::sigaction(signal_number, &fallback, nullptr);
  ::raise(signal_number);
}

void install_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int s : kSignals) {
      struct sigaction previous {};
      if (::sigaction(s, nullptr, &previous) != 0) continue;
      // A signal ignored (`nohup`) or handled by someone else stays theirs.
      if ((previous.sa_flags & SA_SIGINFO) != 0 || previous.sa_handler != SIG_DFL) continue;
      struct sigaction action {};
      action.sa_handler = remove_temporaries_and_die;
      sigemptyset(&action.sa_mask);
      for (int other : kSignals) sigaddset(&action.sa_mask, other);  // one cleanup at a time
      action.sa_flags = 0;
      ::sigaction(s, &action, nullptr);
    }
  });
}

}  // namespace

int remove_on_interrupt(const char* path) {
  std::size_t length = std::strlen(path);
  if (length >= kPathBytes) return -1;
  install_once();
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (!slots[i].state.compare_exchange_strong(expected, kFilling, std::memory_order_acq_rel)) continue;
    std::memcpy(slots[i].path, path, length + 1);
    slots[i].state.store(kListed, std::memory_order_release);
    return i;
  }
  return -1;
}

void keep_on_interrupt(int slot) {
  if (slot < 0 || slot >= kSlots) return;
  slots[slot].state.store(kFree, std::memory_order_release);
}

SignalsHeld::SignalsHeld() {
  sigset_t held;
  sigemptyset(&held);
  for (int s : kSignals) sigaddset(&held, s);
  ::pthread_sigmask(SIG_BLOCK, &held, &previous_);
}

SignalsHeld::~SignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

}  // namespace cadre::io
