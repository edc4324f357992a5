//===- ThreadsTest.cpp - sg_parallel_range's blocks and threads -----------===//

#include "sg_runtime.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace {

// Every call fn(ctx, begin, end) the runtime makes, and on which thread.
struct Calls {
  std::mutex mutex;
  std::vector<std::pair<int64_t, int64_t>> ranges;
  std::vector<std::thread::id> threads;
};

void record(void *ctx, int64_t begin, int64_t end) {
  auto *calls = static_cast<Calls *>(ctx);
  std::lock_guard<std::mutex> lock(calls->mutex);
  calls->ranges.push_back({begin, end});
  calls->threads.push_back(std::this_thread::get_id());
}

// Restores the thread count a test changes.
struct ThreadCount {
  int saved = sg_get_num_threads();
  explicit ThreadCount(int n) { EXPECT_EQ(sg_set_num_threads(n), 0); }
  ~ThreadCount() { EXPECT_EQ(sg_set_num_threads(saved), 0); }
};

// The blocks are [k grain, min(n, (k + 1) grain)), whatever the thread
// count: together they cover [0, n) once, in contiguous pieces.
TEST(ParallelRange, BlocksCoverTheRangeOnceWithAnyThreadCount) {
  for (int threads : {1, 2, 3}) {
    ThreadCount count(threads);
    for (auto [n, grain] : std::vector<std::pair<int64_t, int64_t>>{
             {1000, 7}, {1000, 1000}, {1000, 999}, {5, 1}, {64, 16}}) {
      Calls calls;
      sg_parallel_range(record, &calls, n, grain);
      std::sort(calls.ranges.begin(), calls.ranges.end());
      std::vector<std::pair<int64_t, int64_t>> expected;
      for (int64_t b = 0; b < n; b += grain)
        expected.push_back({b, std::min(n, b + grain)});
      EXPECT_EQ(calls.ranges, expected) << "n = " << n << ", grain = " << grain
                                        << ", " << threads << " threads";
    }
  }
}

// One thread runs the blocks itself, in order.
TEST(ParallelRange, OneThreadRunsTheBlocksInOrderOnTheCaller) {
  ThreadCount count(1);
  Calls calls;
  sg_parallel_range(record, &calls, 10, 3);
  std::vector<std::pair<int64_t, int64_t>> expected = {
      {0, 3}, {3, 6}, {6, 9}, {9, 10}};
  EXPECT_EQ(calls.ranges, expected);
  for (std::thread::id id : calls.threads)
    EXPECT_EQ(id, std::this_thread::get_id());
}

// A range of one block (n <= grain) is one call on the caller, even with
// threads to spare: handing it to a worker would only add the wake-up.
TEST(ParallelRange, OneBlockRunsInlineOnTheCaller) {
  ThreadCount count(2);
  Calls calls;
  sg_parallel_range(record, &calls, 100, 100);
  sg_parallel_range(record, &calls, 100, 1000);
  std::vector<std::pair<int64_t, int64_t>> expected = {{0, 100}, {0, 100}};
  EXPECT_EQ(calls.ranges, expected);
  for (std::thread::id id : calls.threads)
    EXPECT_EQ(id, std::this_thread::get_id());
}

TEST(ParallelRange, EmptyRangesRunNothingAndGrainBelowOneIsOne) {
  ThreadCount count(2);
  Calls calls;
  sg_parallel_range(record, &calls, 0, 4);
  sg_parallel_range(record, &calls, -5, 4);
  EXPECT_TRUE(calls.ranges.empty());
  sg_parallel_range(record, &calls, 3, 0);
  sg_parallel_range(record, &calls, 2, -1);
  std::sort(calls.ranges.begin(), calls.ranges.end());
  std::vector<std::pair<int64_t, int64_t>> expected = {
      {0, 1}, {0, 1}, {1, 2}, {1, 2}, {2, 3}};
  EXPECT_EQ(calls.ranges, expected);
}

// With two threads the two blocks run at the same time: block 0 waits for
// block 1 to start, which it never would if one thread ran both in order
// (the wait then gives up, after far longer than a worker takes to wake
// even on a loaded machine, and the test fails instead of hanging).
struct Meeting {
  std::atomic<bool> second_started{false};
  std::atomic<bool> met{false};
};

void meet(void *ctx, int64_t begin, int64_t) {
  auto *m = static_cast<Meeting *>(ctx);
  if (begin == 1) {
    m->second_started = true;
    return;
  }
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!m->second_started && std::chrono::steady_clock::now() < give_up)
    std::this_thread::yield();
  m->met = m->second_started.load();
}

TEST(ParallelRange, TwoThreadsRunBlocksConcurrently) {
  ThreadCount count(2);
  Meeting m;
  sg_parallel_range(meet, &m, 2, 1);
  EXPECT_TRUE(m.met);
}

} // namespace
