import java.lang.reflect.Field;
import java.net.URI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * AWS's DynamoDB Local, started as its own ServerRunner would, but listening on 127.0.0.1 on a port the
 * system picks (its command line has neither a host nor port 0), answering only requests addressed to
 * this machine (DNS rebinding), and exiting when its parent closes stdin (no orphan JVM).
 * Run in source-file mode: java -cp DynamoDBLocal.jar:DynamoDBLocal_lib/* DynamoDbLocalOnLoopback.java <its options>
 * It prints "listening <port>" once it answers.
 */
public class DynamoDbLocalOnLoopback {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    ServerConnector connector = (ServerConnector) server.getConnectors()[0];
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.setHandler(new LoopbackOnly(server.getHandler()));
    proxy.start();
    if (connector.getLocalPort() <= 0) System.exit(3);
    System.out.println("listening " + connector.getLocalPort());
    System.out.flush();
    while (System.in.read() != -1) {
      // Reads until the parent closes the pipe or dies.
    }
    proxy.stop();
    System.exit(0);
  }

  /** Refuses a request whose Host or Origin names another machine, as local/http/loopback-guard.ts does. */
  static final class LoopbackOnly extends Handler.Wrapper {
    LoopbackOnly(Handler inner) {
      super(inner);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String origin = request.getHeaders().get("Origin");
      boolean hostOk = isLoopback(request.getHttpURI().getHost());
      boolean originOk = origin == null || origin.equals("null") || isLoopback(hostOf(origin));
      if (hostOk && originOk) return super.handle(request, response, callback);
      Response.writeError(request, response, callback, 403, "Refused: not addressed to this machine");
      return true;
    }

    private static String hostOf(String origin) {
      try {
        return URI.create(origin).getHost();
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private static boolean isLoopback(String host) {
      if (host == null) return false;
      String name = host.toLowerCase().replaceAll("\\.$", "");
      return name.equals("localhost") || name.endsWith(".localhost") || name.equals("[::1]")
          || name.equals("::1") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
  }
}
