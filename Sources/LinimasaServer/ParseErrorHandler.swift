import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP parser refused (a URL or headers over the parser's 80 KiB, a request
/// that is not HTTP) with a JSON body that says why, instead of Hummingbird's empty 400, and closes
/// the connection. It sits after the HTTP codec, where the parser's error passes on its way in.
final class ParseErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// A response has begun on this connection: the parser's error can no longer be answered.
    private var responding = false
    private var answered = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .head = unwrapOutboundIn(data) { responding = true }
        if case .end = unwrapOutboundIn(data) { responding = false }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parse = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if answered { return }
        answered = true
        if responding {
            context.close(promise: nil)
            return
        }
        let (status, message) = Self.answer(parse)
        let body = ByteBuffer(string: ErrorBody.json(status.code, message))
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        fields[.contentLength] = String(body.readableBytes)
        fields[.connection] = "close"
        fields[.xContentTypeOptions] = "nosniff"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }

    static func answer(_ error: HTTPParserError) -> (HTTPResponse.Status, String) {
        switch error {
        case .headerOverflow:
            return (.init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
                "the request's URL and headers together are over 80 KiB; send long queries shorter")
        case .invalidURL:
            return (.badRequest, "the request's URL is not valid")
        case .invalidMethod, .unknown:
            return (.badRequest, "the request is not valid HTTP/1.1 (\(error))")
        default:
            return (.badRequest, "the request is not valid HTTP/1.1 (\(error))")
        }
    }
}
