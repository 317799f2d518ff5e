// SPDX-License-Identifier: Apache-2.0
#include "engine/serve/http_server.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

namespace cadre::serve {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Shared {
  const Desk& desk;
  const ServerOptions& options;
  asio::thread_pool& workers;
  std::ostream& log;
  std::mutex log_mutex;
  std::atomic<unsigned> in_flight{0};
  std::atomic<std::size_t> connections{0};
};

/// The path as logged: one of the desk's pages, else "-" (a path is chosen by the client and
/// could carry a name; the query is never logged).
std::string logged_path(const std::string& target) {
  std::string path = target.substr(0, target.find('?'));
  for (const char* page : {"/", "/stack", "/check", "/healthz", "/login"})
    if (path == page) return path;
  return "-";
}

/// One connection: requests read one after the other (keep-alive), each within the deadline.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), shared_(shared) {
    ++shared_.connections;
  }
  ~Session() { --shared_.connections; }

  void start() { read(); }

  /// Too many connections: a 503 at once, then close.
  void refuse_busy() {
    started_ = Clock::now();
    Request request;
    request.method = "GET";
    request.target = "/";
    method_ = "-";
    path_ = "-";
    send(shared_.desk.refusal(503, request), false);
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(shared_.options.max_body_bytes);
    parser_->header_limit(16 * 1024);
    started_ = Clock::now();
    // The deadline cancels the read rather than closing the socket (as tcp_stream's own
    // timeout would), so that the client still gets its 503.
    timed_out_ = false;
    stream_.expires_never();
    timer_.expires_after(shared_.options.deadline);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;  // cancelled: the request arrived in time
      self->timed_out_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_read(ec);
    });
  }

  Request request_from_parser(bool with_body) {
    Request request;
    const auto& message = parser_->get();
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto& slot = request.headers[name];
      slot = slot.empty() ? std::string(field.value()) : slot + ", " + std::string(field.value());
    }
    if (with_body) request.body = std::move(parser_->get().body());
    return request;
  }

  void on_read(beast::error_code ec) {
    timer_.cancel();
    if (timed_out_) ec = beast::error::timeout;
    if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
        ec == asio::error::operation_aborted) {
      close();
      return;
    }
    if (ec) {
      // The request did not arrive whole: answer what went wrong, then close the connection
      // (its remaining bytes cannot be trusted as the start of another request).
      int status = ec == http::error::body_limit     ? 413
                   : ec == beast::error::timeout     ? 503
                   : ec == http::error::header_limit ? 431
                                                     : 400;
      if (status == 503 && !parser_->is_header_done() && buffer_.size() == 0) {  // an idle keep-alive: just close
        close();
        return;
      }
      Request request = parser_->is_header_done() ? request_from_parser(false) : Request{};
      method_ = request.method.empty() ? "-" : request.method;
      path_ = logged_path(request.target);
      send(shared_.desk.refusal(status, request), false);
      return;
    }
    Request request = request_from_parser(true);
    method_ = request.method;
    path_ = logged_path(request.target);
    keep_alive_ = parser_->get().keep_alive();
    // Supervision is answered at once, never queued behind the work nor refused as busy.
    if (path_ == "/healthz") {
      send(shared_.desk.handle(request), keep_alive_);
      return;
    }
    // Bounded: requests beyond max_concurrent are not queued without end, they are told to come back.
    if (++shared_.in_flight > shared_.options.max_concurrent) {
      --shared_.in_flight;
      send(shared_.desk.refusal(503, request), false);
      return;
    }
    asio::post(shared_.workers, [self = shared_from_this(), request = std::move(request)]() mutable {
      Response response;
      try {
        response = self->shared_.desk.handle(request);
      } catch (const std::exception& e) {  // a bug, not the client's fault: say so, keep serving
        std::lock_guard lock(self->shared_.log_mutex);
        self->shared_.log << "cadre serve: internal error: " << e.what() << "\n";
        response = self->shared_.desk.refusal(500, request);
      }
      --self->shared_.in_flight;
      if (Clock::now() - self->started_ > self->shared_.options.deadline) response = self->shared_.desk.refusal(503, request);
      asio::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
        self->send(std::move(response), self->keep_alive_);
      });
    });
  }

  void send(Response response, bool keep_alive) {
    auto message = std::make_shared<http::response<http::string_body>>();
    message->version(11);
    message->result(static_cast<unsigned>(response.status));
    message->set(http::field::server, "cadre");
    message->set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) message->insert(name, value);
    message->body() = std::move(response.body);
    message->keep_alive(keep_alive && response.status < 400);
    message->prepare_payload();
    if (method_ == "HEAD") message->body().clear();  // the length of the GET answer, without it
    status_ = response.status;
    size_ = message->body().size();
    stream_.expires_after(shared_.options.deadline);
    http::async_write(stream_, *message, [self = shared_from_this(), message](beast::error_code ec, std::size_t) {
      self->log_line();
      if (ec || !message->keep_alive()) {
        self->close();
        return;
      }
      self->read();
    });
  }

  void log_line() {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_).count();
    std::lock_guard lock(shared_.log_mutex);
    shared_.log << fmt::format("{} {} {} {} {}ms\n", method_, path_, status_, size_, ms) << std::flush;
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  bool timed_out_ = false;
  Shared& shared_;
  beast::flat_buffer buffer_{16 * 1024};
  std::optional<http::request_parser<http::string_body>> parser_;
  Clock::time_point started_;
  std::string method_, path_;
  int status_ = 0;
  std::size_t size_ = 0;
  bool keep_alive_ = false;
};

void accept(tcp::acceptor& acceptor, Shared& shared) {
  acceptor.async_accept(asio::make_strand(acceptor.get_executor()), [&acceptor, &shared](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (ec) {
      // Out of file descriptors (or another transient failure): try again shortly rather
      // than spin on an accept that fails at once.
      auto pause = std::make_shared<asio::steady_timer>(acceptor.get_executor(), std::chrono::milliseconds(100));
      pause->async_wait([pause, &acceptor, &shared](beast::error_code) {
        if (acceptor.is_open()) accept(acceptor, shared);
      });
      return;
    }
    auto session = std::make_shared<Session>(std::move(socket), shared);
    if (shared.connections > shared.options.max_connections) session->refuse_busy();
    else session->start();
    accept(acceptor, shared);
  });
}

}  // namespace

bool is_loopback(const std::string& host, std::string& error) {
  if (host == "localhost") return true;
  beast::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) {
    error = fmt::format("`{}` is not an IP address", host);
    return false;
  }
  return address.is_loopback();
}

int run_server(const Desk& desk, const ServerOptions& options, const std::function<void(const std::string&)>& announce,
               std::ostream& log, std::ostream& err) {
  unsigned workers = options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency());
  workers = std::min(workers, std::max(1u, options.max_concurrent));
  // Declared before the io_context: sessions still queued in it when it is destroyed use them.
  asio::thread_pool pool(workers);
  Shared shared{desk, options, pool, log, {}, {}, {}};
  asio::io_context io;
  beast::error_code ec;
  auto address = asio::ip::make_address(options.host == "localhost" ? "127.0.0.1" : options.host, ec);
  if (ec) {
    pool.join();
    err << fmt::format("cadre serve: error[E0502]: `{}` is not an IP address\n", options.host);
    return 2;
  }
  tcp::acceptor acceptor(io);
  tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    err << fmt::format("cadre serve: error[E0501]: cannot listen on {}:{}: {}\n", options.host, options.port, ec.message());
    return 2;
  }
  auto bound = acceptor.local_endpoint();
  std::string host = bound.address().is_v6() ? "[" + bound.address().to_string() + "]" : bound.address().to_string();
  announce(fmt::format("http://{}:{}/", host, bound.port()));
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    acceptor.close();
    io.stop();
  });
  accept(acceptor, shared);
  io.run();
  pool.join();
  return 0;
}

}  // namespace cadre::serve
