<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" isErrorPage="true" %>
<%-- The container's 403 (a <security-constraint> role the user lacks), instead of its default error page. --%>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Access denied - AuthKit example</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/style.css">
</head>
<body>
<main>
  <h1 id="forbidden">Access denied</h1>
  <p>Your account does not have the role this page needs.
    <a href="${pageContext.request.contextPath}/">Back to the start</a></p>
</main>
</body>
</html>
